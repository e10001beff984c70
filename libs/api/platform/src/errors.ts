/** `@foyer/api/platform/errors`: domain errors and the status of each error code. */
export * from './lib/errors/domain-error';
export * from './lib/errors/error-status';
