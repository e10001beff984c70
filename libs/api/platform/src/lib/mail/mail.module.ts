import { Module } from '@nestjs/common';
import { AppConfigModule } from '../config/config.module';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MailProcessor } from './mail.processor';

/** The worker's mail delivery: the `mail` queue's processor (its queues come from QueuesModule). */
@Module({
  imports: [AppConfigModule, LoggingModule, MetricsModule],
  providers: [MailProcessor],
})
export class MailModule {}
