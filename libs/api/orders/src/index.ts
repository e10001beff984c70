export * from './lib/orders.module';
export * from './lib/order-status';
