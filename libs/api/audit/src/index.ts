export * from './worker';
export * from './lib/audit.module';
