export * from './lib/realtime';
export * from './lib/realtime.module';
export * from './lib/realtime-io.adapter';
export * from './lib/handshake-policy';
