/** `@foyer/api/platform/metrics`: the Prometheus registry of the process. */
export * from './lib/metrics/metrics.module';
export * from './lib/metrics/metrics-registry';
