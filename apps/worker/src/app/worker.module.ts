import { Module } from '@nestjs/common';
import { AppConfigModule } from '@foyer/api/platform/config';
import { DatabaseModule } from '@foyer/api/platform/database';
import { LoggingModule } from '@foyer/api/platform/logging';
import { MailModule } from '@foyer/api/platform/mail';
import { MetricsModule } from '@foyer/api/platform/metrics';
import { QueuesModule } from '@foyer/api/platform/outbox';
import { RetentionModule } from '@foyer/api/reservations/worker';

/**
 * The worker: relays the outbox into BullMQ, delivers mail, runs scheduled jobs. No HTTP:
 * it imports only `/worker` entry points of the domain libraries and no platform HTTP code.
 */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    DatabaseModule,
    QueuesModule.forWorker(),
    MailModule,
    RetentionModule,
  ],
})
export class WorkerModule {}
