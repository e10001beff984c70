import { Module } from '@nestjs/common';
import {
  AppConfigModule,
  DatabaseModule,
  LoggingModule,
  MailProcessor,
  MetricsModule,
  QueuesModule,
  RedisModule,
} from '@foyer/api/platform';

/** The worker: relays the outbox into BullMQ and runs the processors. No HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    RedisModule,
    DatabaseModule,
    QueuesModule.forWorker(),
  ],
  providers: [MailProcessor],
})
export class WorkerModule {}
