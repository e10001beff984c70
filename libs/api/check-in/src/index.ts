export * from './lib/check-in.module';
export * from './lib/check-in-state';
