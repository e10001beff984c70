export * from './lib/reservations.module';
export * from './lib/availability';
export * from './lib/reservation-tokens';
export * from './lib/retention';
export * from './lib/reservations-core.module';
export * from './lib/door-reservations.service';
export * from './lib/demo-programme';
export type { Reservation } from './lib/reservation';
export type { TokenHolder } from './lib/reservation-token.repository';
