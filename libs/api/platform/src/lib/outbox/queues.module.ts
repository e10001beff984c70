import { DynamicModule, Module } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@foyer/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { OUTBOX_QUEUES, OutboxRelay } from './outbox-relay';
import { OutboxMessage } from './outbox-message.entity';

const QUEUES = Object.values(QueueName);

/** BullMQ on Redis and the outbox relay feeding it: what a worker process runs. */
@Module({})
export class QueuesModule {
  static forWorker(): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        TypeOrmModule.forFeature([OutboxMessage]),
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            // BullMQ blocks on Redis by design: it needs retries without a per-request cap.
            connection: new Redis(config.REDIS_URL, {
              maxRetriesPerRequest: null,
              connectionName: 'foyer-queues',
            }),
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
