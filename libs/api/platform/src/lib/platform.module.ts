import { Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthModule } from './health/health.module';
import { JsonBodyGuard } from './http/json-body.guard';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';

/**
 * The HTTP process's infrastructure: validated config, logging, metrics (and /metrics),
 * PostgreSQL with the tenant context, rate limits, idempotency, health checks, and the
 * guards, interceptors and filter that `requestPipeline` registers in the composition root
 * in the contract's order (see the api AppModule). Domain modules never import it: each
 * imports the platform modules its own providers use.
 */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    DatabaseModule,
    RateLimitModule,
    IdempotencyModule,
    HealthModule,
  ],
  controllers: [MetricsController],
  providers: [JsonBodyGuard, ProblemDetailsFilter],
  exports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    RateLimitModule,
    IdempotencyModule,
    JsonBodyGuard,
    ProblemDetailsFilter,
  ],
})
export class PlatformModule {}
