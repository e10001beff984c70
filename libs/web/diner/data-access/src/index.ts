export * from './lib/device-id';
export * from './lib/capability';
export * from './lib/cart-state';
export * from './lib/table-orders';
export * from './lib/diner.api';
export * from './lib/diner.store';
