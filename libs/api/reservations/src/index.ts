export * from './lib/reservations.module';
export * from './lib/availability';
