export * from './lib/orders.module';
export * from './lib/order-status';
export * from './lib/capability';
export * from './lib/diner-access';
export * from './lib/entities/dining-table.entity';
export * from './lib/demo-tables';
