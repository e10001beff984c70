import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { JobName, QueueName } from '@foyer/contracts';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { OutboxSeal } from './outbox-seal';

export interface OutboxEntry<T extends object> {
  queue: QueueName;
  jobName: JobName;
  payload: T;
  tenantId?: string | null;
}

/**
 * Adds jobs inside the caller's transaction; nothing is queued unless it commits. The
 * payload is stored sealed (OutboxSeal) under the row id, which is also the job id.
 */
@Injectable()
export class Outbox {
  private readonly seal: OutboxSeal;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.seal = new OutboxSeal(config);
  }

  async add<T extends object>(entry: OutboxEntry<T>): Promise<string> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error('Outbox.add must run inside a transaction');
    }
    const row = this.sealed(entry);
    await this.txHost.tx.query(
      `INSERT INTO outbox_message (id, queue, job_name, payload, tenant_id) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [row.id, row.queue, row.jobName, row.payload, row.tenantId],
    );
    return row.id;
  }

  /**
   * The row `add` would insert, for a definer function that inserts it only when its own
   * checks pass (a password reset for an address that may have no account). The id is
   * chosen here so the payload can be sealed with it as associated data.
   */
  sealed<T extends object>(entry: OutboxEntry<T>): SealedOutboxRow {
    const id = randomUUID();
    return {
      id,
      queue: entry.queue,
      jobName: entry.jobName,
      payload: JSON.stringify(this.seal.seal(id, entry.payload)),
      tenantId: entry.tenantId ?? null,
    };
  }
}

/** An outbox row ready to insert: the payload is sealed JSON text. */
export interface SealedOutboxRow {
  id: string;
  queue: QueueName;
  jobName: JobName;
  payload: string;
  tenantId: string | null;
}
