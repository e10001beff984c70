/** `@foyer/api/platform/config`: the validated environment and its key rings. */
export * from './lib/config/config.schema';
export * from './lib/config/config.module';
export * from './lib/config/key-ring';
