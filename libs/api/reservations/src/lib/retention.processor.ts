import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName } from '@foyer/contracts';
import { Job, Queue } from 'bullmq';
import { RetentionService } from './retention.service';

/** How often the worker looks for reservations past retention. */
export const RETENTION_EVERY_MS = 60 * 60 * 1000;

@Processor(QueueName.MAINTENANCE)
export class RetentionProcessor
  extends WorkerHost
  implements OnApplicationBootstrap
{
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly retention: RetentionService,
    @InjectQueue(QueueName.MAINTENANCE) private readonly queue: Queue,
  ) {
    super();
  }

  /** One scheduler, however many workers start: BullMQ upserts it by id. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'privacy-retention',
      { every: RETENTION_EVERY_MS },
      {
        name: JobName.ANONYMISE_EXPIRED,
        opts: { removeOnComplete: true, removeOnFail: 50 },
      },
    );
  }

  async process(job: Job): Promise<{ tenants: number; reservations: number }> {
    if (job.name !== JobName.ANONYMISE_EXPIRED) {
      throw new Error(`unknown maintenance job ${job.name}`);
    }
    const result = await this.retention.run();
    this.logger.log(result, 'retention: reservations anonymised');
    return result;
  }
}
