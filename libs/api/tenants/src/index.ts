export * from './lib/tenants.module';
export * from './lib/tenant-directory';
export * from './lib/entities/tenant.entity';
export * from './lib/tenant-directory.module';
