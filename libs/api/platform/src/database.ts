/**
 * `@foyer/api/platform/database`: PostgreSQL (DatabaseModule), the tenant context and its
 * repositories' base class, the checked row readers, and the roles migrations create.
 */
export * from './lib/database/database.module';
export * from './lib/database/roles';
export * from './lib/database/tenant-context.service';
export * from './lib/database/request-tenant.interceptor';
export * from './lib/database/rows';
export * from './lib/database/tenant-scoped-repository';
export * from './lib/database/seed-tenant-context';
