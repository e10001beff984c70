export * from './lib/tenants.module';
