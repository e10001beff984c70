export * from './lib/orders.module';
export { DinerGuard } from './lib/diner.guard';
export * from './lib/demo-tables';
