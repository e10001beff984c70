/**
 * `@foyer/api/tenants/worker`: the `tenant` table's reads for other domains
 * (TenantDirectoryModule), without HTTP, for the worker and the domain modules.
 */
export * from './lib/tenant-directory.module';
export * from './lib/tenant-directory.service';
