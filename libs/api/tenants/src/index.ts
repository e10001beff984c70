export * from './worker';
export * from './lib/tenants.module';
