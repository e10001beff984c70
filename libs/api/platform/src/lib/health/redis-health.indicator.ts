import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

/** Redis answers PING within a second. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const session = this.indicators.check(key);
    try {
      const reply = await Promise.race([
        this.redis.ping(),
        new Promise<string>((_, reject) =>
          setTimeout(() => reject(new Error('timeout')), 1000).unref(),
        ),
      ]);
      return reply === 'PONG' ? session.up() : session.down();
    } catch {
      return session.down();
    }
  }
}
