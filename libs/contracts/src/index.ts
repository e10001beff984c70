export * from './lib/error-codes';
export * from './lib/http';
export * from './lib/queues';
export * from './lib/permissions';
export * from './lib/realtime';
export * from './lib/ordering';
export * from './lib/reservations';
