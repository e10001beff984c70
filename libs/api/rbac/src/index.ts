export * from './lib/rbac.module';
export * from './lib/permissions';
export * from './lib/require-permissions.decorator';
export * from './lib/permissions.guard';
