export * from './lib/rbac.module';
