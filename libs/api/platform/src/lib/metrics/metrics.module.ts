import { Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { METRICS_REGISTRY } from './metrics-registry';

/**
 * The process's Prometheus registry (METRICS_REGISTRY), without the HTTP endpoint: the API
 * serves it at /metrics (PlatformModule); the worker only counts.
 */
@Module({
  providers: [
    {
      provide: METRICS_REGISTRY,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry, prefix: 'foyer_' });
        return registry;
      },
    },
  ],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}
