import { Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerModule,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { AppConfigModule } from '../config/config.module';
import { LoggingModule } from '../logging/logging.module';
import { REDIS, RedisModule } from '../redis/redis.module';
import { RATE_LIMIT_WINDOW_MS, RateLimitGuard } from './rate-limit.guard';

/** Per-minute buckets counted in Redis (RateLimitGuard), shared by every API instance. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ThrottlerModule.forRootAsync({
      imports: [RedisModule],
      inject: [REDIS],
      useFactory: (redis: Redis): ThrottlerModuleOptions => ({
        // Limits are chosen per route in RateLimitGuard; this entry only names the bucket.
        throttlers: [{ name: 'default', ttl: RATE_LIMIT_WINDOW_MS, limit: 1 }],
        storage: new ThrottlerStorageRedisService(redis) as ThrottlerStorage,
      }),
    }),
  ],
  providers: [RateLimitGuard, Reflector],
  exports: [ThrottlerModule, RateLimitGuard],
})
export class RateLimitModule {}
