export * from './worker';
export * from './lib/reservations.module';
export * from './lib/reservations-core.module';
export * from './lib/reservation-tokens.service';
export * from './lib/door-reservations.service';
export * from './lib/demo-programme';
