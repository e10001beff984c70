export * from './lib/realtime.module';
export { Realtime } from './lib/realtime.service';
export * from './lib/realtime-io.adapter';
