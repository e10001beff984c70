export * from './lib/reservations.module';
