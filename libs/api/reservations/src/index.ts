export * from './lib/reservations.module';
export * from './lib/availability';
export * from './lib/reservation-tokens';
export * from './lib/retention';
