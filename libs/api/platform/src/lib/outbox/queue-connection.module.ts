import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfigModule } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { closeRedis } from '../redis/redis.module';

/** The connection BullMQ's queues share. BullMQ never closes a client it was given. */
export const QUEUE_REDIS = Symbol('QUEUE_REDIS');

@Module({
  imports: [AppConfigModule],
  providers: [
    {
      provide: QUEUE_REDIS,
      inject: [APP_CONFIG],
      // BullMQ blocks on Redis by design: it needs retries without a per-request cap.
      useFactory: (config: AppConfig) =>
        new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: null,
          connectionName: 'foyer-queues',
        }),
    },
  ],
  exports: [QUEUE_REDIS],
})
export class QueueConnectionModule implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_REDIS) private readonly redis: Redis) {}

  /** After the queues closed (module destroy), before the process exits. */
  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
