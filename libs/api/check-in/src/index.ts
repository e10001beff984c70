export * from './lib/check-in.module';
export * from './lib/check-in-state';
export * from './lib/check-in.service';
