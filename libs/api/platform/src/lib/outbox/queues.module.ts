import { DynamicModule, Module } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@foyer/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { AppConfig } from '../config/config.schema';
import { QUEUE_REDIS, QueueConnectionModule } from './queue-connection.module';
import { OUTBOX_QUEUES, OutboxRelay } from './outbox-relay.service';
import { OutboxMessage } from './outbox-message.entity';

const QUEUES = Object.values(QueueName);

/** BullMQ on Redis and the outbox relay feeding it: what a worker process runs. */
@Module({})
export class QueuesModule {
  static forWorker(): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        AppConfigModule,
        DatabaseModule,
        TypeOrmModule.forFeature([OutboxMessage]),
        BullModule.forRootAsync({
          imports: [AppConfigModule, QueueConnectionModule],
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
