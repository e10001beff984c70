import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import {
  IdempotencyGuard,
  IdempotencyInterceptor,
} from './idempotency/idempotency.guard';
import { IdempotencyService } from './idempotency/idempotency.service';
import { JsonBodyGuard } from './http/request-guards';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { Outbox } from './outbox/outbox';
import { TokenHasher } from './crypto/token-hasher';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { RateLimitModule } from './rate-limit/rate-limit';
import { RedisModule } from './redis/redis.module';

/**
 * What every API process needs: validated config, logging, metrics, Redis, PostgreSQL
 * with the tenant context, rate limits, idempotency, the outbox and health checks.
 * The composition root registers the guards in the contract's order (see api AppModule).
 */
@Global()
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    RedisModule,
    DatabaseModule,
    TypeOrmModule.forFeature([OutboxMessage]),
    RateLimitModule,
    HealthModule,
  ],
  providers: [
    TokenHasher,
    IdempotencyService,
    IdempotencyGuard,
    IdempotencyInterceptor,
    JsonBodyGuard,
    ProblemDetailsFilter,
    Outbox,
  ],
  exports: [
    TokenHasher,
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    RedisModule,
    DatabaseModule,
    RateLimitModule,
    IdempotencyService,
    IdempotencyGuard,
    IdempotencyInterceptor,
    JsonBodyGuard,
    ProblemDetailsFilter,
    Outbox,
  ],
})
export class PlatformModule {}
