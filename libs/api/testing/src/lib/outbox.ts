import type { INestApplicationContext } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { OutboxSeal } from '@foyer/api/platform/outbox';
import type { SendMailJob } from '@foyer/contracts';

/** An outbox row with its payload opened, as the mail processor would see it. */
export interface OpenedOutboxRow<T extends object = SendMailJob> {
  id: string;
  queue: string;
  jobName: string;
  payload: T;
}

interface Queryable {
  query(sql: string): Promise<{ rows: unknown[] }>;
}

/**
 * Every outbox row, oldest first, with its sealed payload opened under the app's
 * TOKEN_HASH_KEY: how specs read the one-time links a visitor or invitee gets by email.
 * `client` is any pg client that may read outbox_message (the owner or runtime role).
 */
export async function openedOutbox<T extends object = SendMailJob>(
  app: INestApplicationContext,
  client: Queryable,
): Promise<OpenedOutboxRow<T>[]> {
  const seal = new OutboxSeal(app.get<AppConfig>(APP_CONFIG));
  const { rows } = await client.query(
    `SELECT id, queue, job_name, payload FROM outbox_message ORDER BY created_at, id`,
  );
  return (
    rows as { id: string; queue: string; job_name: string; payload: unknown }[]
  ).map((row) => ({
    id: row.id,
    queue: row.queue,
    jobName: row.job_name,
    payload: seal.open<T>(row.id, row.payload),
  }));
}

/** The opened mail payloads, oldest first, optionally only those to `to`. */
export async function outboxMails(
  app: INestApplicationContext,
  client: Queryable,
  to?: string,
): Promise<SendMailJob[]> {
  return (await openedOutbox<SendMailJob>(app, client))
    .map((row) => row.payload)
    .filter((mail) => to === undefined || mail.to === to);
}
