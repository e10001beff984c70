export * from './lib/orders.module';
export * from './lib/order-status';
export * from './lib/capability';
export * from './lib/diner-access';
export * from './lib/dining-table.mapper';
export * from './lib/dining-order.mapper';
export * from './lib/order-line.mapper';
export * from './lib/demo-tables';
