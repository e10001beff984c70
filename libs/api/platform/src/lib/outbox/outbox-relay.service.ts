import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions, Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';

export const OUTBOX_CHANNEL = 'foyer_outbox';
export const OUTBOX_QUEUES = Symbol('OUTBOX_QUEUES');
const BATCH = 100;
const SWEEP_MS = 2000;

/**
 * Retries with backoff until the mail server takes the message, for at most a day: 15
 * attempts with exponential backoff from 5 s wait 5 s × (2^14 − 1) ≈ 22.8 h in all, and
 * MailProcessor also refuses a job older than MAIL_MAX_AGE_MS. A sent job is removed; a
 * finally failed one keeps its id, name and reason for a week, never its payload (the
 * processor clears it), and the payload is sealed (OutboxSeal) while it waits.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 15,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

interface Row {
  id: string;
  queue: string;
  job_name: string;
  /** Sealed by Outbox.add (`{ sealed: "v1.…" }`); copied into the job unchanged. */
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox rows into BullMQ. PostgreSQL delivers the insert trigger's
 * NOTIFY only on commit, so the relay wakes right after a commit; a periodic sweep picks
 * up anything missed while no relay listened. Rows are claimed with SKIP LOCKED, enqueued
 * with the row id as job id (a re-run after a crash cannot queue a live job twice), then
 * deleted in the same transaction.
 */
@Injectable()
export class OutboxRelay
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('OutboxRelay');
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOX_QUEUES) private readonly queues: Queue[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'foyer-outbox',
    });
    // wake() never rejects: a failed drain is logged and the next wake-up retries.
    this.listener.on('notification', () => void this.wake());
    this.listener.on('error', (error) =>
      this.logger.warn({ err: error }, 'outbox listener failed; sweeping only'),
    );
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.timer = setInterval(() => void this.wake(), SWEEP_MS);
    await this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining?.catch(() => 0);
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains until empty; concurrent wake-ups coalesce into one more pass. */
  async wake(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    do {
      this.again = false;
      this.draining = this.drainAll();
      try {
        await this.draining;
      } catch (error) {
        this.logger.error({ err: error }, 'outbox drain failed; will retry');
      } finally {
        this.draining = undefined;
      }
    } while (this.again && !this.stopped);
  }

  private async drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.drainBatch();
      total += moved;
      if (moved < BATCH || this.stopped) {
        return total;
      }
    }
  }

  /** One batch in one transaction; returns how many rows were moved. */
  async drainBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT id, queue, job_name, payload FROM outbox_message ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) {
        return 0;
      }
      for (const row of rows) {
        const queue = this.queues.find(
          (candidate) => candidate.name === row.queue,
        );
        if (!queue) {
          throw new Error(
            `no queue registered for outbox rows of queue "${row.queue}"`,
          );
        }
        await queue.add(row.job_name, row.payload, {
          ...DEFAULT_JOB_OPTIONS,
          jobId: row.id,
        });
      }
      await manager.query(
        `DELETE FROM outbox_message WHERE id = ANY($1::uuid[])`,
        [rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }
}
