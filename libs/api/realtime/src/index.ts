export * from './lib/realtime';
export * from './lib/realtime.module';
