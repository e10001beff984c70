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
import { RetentionModule } from '@foyer/api/reservations';

/** The worker: relays the outbox into BullMQ, delivers mail, runs scheduled jobs. No HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    RedisModule,
    DatabaseModule,
    QueuesModule.forWorker(),
    RetentionModule,
  ],
  providers: [MailProcessor],
})
export class WorkerModule {}
