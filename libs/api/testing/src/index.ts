export * from './lib/test-database';
export * from './lib/test-app';
export * from './lib/fixtures';
export * from './lib/redis-keys';
export * from './lib/outbox';
export * from './lib/instances';
