import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { JobName, QueueName } from '@foyer/contracts';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxEntry<T extends object> {
  queue: QueueName;
  jobName: JobName;
  payload: T;
  tenantId?: string | null;
}

/** Adds jobs inside the caller's transaction; nothing is queued unless it commits. */
@Injectable()
export class Outbox {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async add<T extends object>(entry: OutboxEntry<T>): Promise<string> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error('Outbox.add must run inside a transaction');
    }
    const rows: Pick<OutboxMessage, 'id'>[] = await this.txHost.tx.query(
      `INSERT INTO outbox_message (queue, job_name, payload, tenant_id) VALUES ($1, $2, $3::jsonb, $4) RETURNING id`,
      [
        entry.queue,
        entry.jobName,
        JSON.stringify(entry.payload),
        entry.tenantId ?? null,
      ],
    );
    return rows[0].id;
  }
}
