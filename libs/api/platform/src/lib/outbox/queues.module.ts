import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@foyer/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { closeRedis } from '../redis/redis.module';
import { OUTBOX_QUEUES, OutboxRelay } from './outbox-relay';
import { OutboxMessage } from './outbox-message.entity';

const QUEUES = Object.values(QueueName);

/** The connection BullMQ's queues share. BullMQ never closes a client it was given. */
const QUEUE_REDIS = Symbol('QUEUE_REDIS');

@Injectable()
class QueueRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_REDIS) private readonly redis: Redis) {}

  /** After the queues closed (module destroy), before the process exits. */
  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

@Module({
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
    QueueRedisCloser,
  ],
  exports: [QUEUE_REDIS],
})
class QueueConnectionModule {}

/** BullMQ on Redis and the outbox relay feeding it: what a worker process runs. */
@Module({})
export class QueuesModule {
  static forWorker(): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        TypeOrmModule.forFeature([OutboxMessage]),
        BullModule.forRootAsync({
          imports: [QueueConnectionModule],
          inject: [APP_CONFIG, QUEUE_REDIS],
          useFactory: (config: AppConfig, connection: Redis) => ({
            connection,
            prefix: `${config.REDIS_KEY_PREFIX}bull`,
          }),
        }),
        ...QUEUES.map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [
        {
          provide: OUTBOX_QUEUES,
          inject: QUEUES.map((name) => getQueueToken(name)),
          useFactory: (...queues: Queue[]) => queues,
        },
        OutboxRelay,
      ],
      exports: [BullModule, OutboxRelay],
    };
  }
}
