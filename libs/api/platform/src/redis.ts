/** `@foyer/api/platform/redis`: the shared request-path Redis client. */
export * from './lib/redis/redis.module';
