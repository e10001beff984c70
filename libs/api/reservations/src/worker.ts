/**
 * `@foyer/api/reservations/worker`: what the worker runs of this library, the scheduled
 * retention job. Everything it reaches imports only `/worker` and non-HTTP platform entry
 * points, so the worker bundle holds no controller.
 */
export * from './lib/retention.module';
