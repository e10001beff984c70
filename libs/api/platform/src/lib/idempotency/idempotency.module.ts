import { Module } from '@nestjs/common';
import { AppConfigModule } from '../config/config.module';
import { RedisModule } from '../redis/redis.module';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';

/** Idempotency-Key records in Redis: the guard claims a key, the interceptor stores the answer. */
@Module({
  imports: [AppConfigModule, RedisModule],
  providers: [IdempotencyService, IdempotencyGuard, IdempotencyInterceptor],
  exports: [IdempotencyService, IdempotencyGuard, IdempotencyInterceptor],
})
export class IdempotencyModule {}
