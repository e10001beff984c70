import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfigModule } from '../config/config.module';
import { AppConfig } from '../config/config.schema';

/** Injection token of the shared ioredis client used on request paths. */
export const REDIS = Symbol('REDIS');

/** Closes a client its owner created: quit when connected, drop it otherwise. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') {
    // quit() would wait in the offline queue for a server that is not there.
    redis.disconnect();
    return;
  }
  await redis.quit().catch(() => redis.disconnect());
}

/** The shared request-path Redis client (REDIS), for the modules whose providers use it. */
@Module({
  imports: [AppConfigModule],
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      // Request paths fail fast rather than queue while Redis is away.
      useFactory: (config: AppConfig) =>
        new Redis(config.REDIS_URL, {
          keyPrefix: config.REDIS_KEY_PREFIX,
          maxRetriesPerRequest: 2,
          enableOfflineQueue: true,
          connectionName: 'foyer',
        }),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** The module created the client, so it closes it. */
  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
