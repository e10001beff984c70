export * from './lib/audit.module';
export * from './lib/canonical-json';
export * from './lib/audit-chain';
