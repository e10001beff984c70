export * from './lib/check-in.module';
