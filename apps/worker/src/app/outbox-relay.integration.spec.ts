import { INestApplicationContext, Logger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { JobName, QueueName, SendMailJob } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { MailProcessor } from '@foyer/api/platform/mail';
import { METRICS_REGISTRY, MetricsRegistry } from '@foyer/api/platform/metrics';
import {
  DEFAULT_JOB_OPTIONS,
  Outbox,
  OutboxModule,
  OutboxRelay,
  OutboxSeal,
} from '@foyer/api/platform/outbox';
import {
  TestDatabase,
  applyTestEnvironment,
  createTestDatabase,
} from '@foyer/api/testing';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module';

const TENANT = '00000000-0000-4000-8000-000000000001';

async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('transactional outbox relay and mail delivery (real PostgreSQL, Redis, SMTP)', () => {
  let db: TestDatabase;
  let smtp: SMTPServer;
  const received: string[] = [];
  let worker: INestApplicationContext | undefined;

  /** A worker process; `withMail: false` leaves jobs in the queue so the test can see them. */
  async function startWorker(
    withMail: boolean,
  ): Promise<INestApplicationContext> {
    const builder = Test.createTestingModule({
      imports: [WorkerModule, OutboxModule],
    });
    if (!withMail) {
      builder.overrideProvider(MailProcessor).useValue({});
    }
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication({
      logger: false,
    } as never) as unknown as INestApplicationContext;
    await app.init();
    return app;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push(raw);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    applyTestEnvironment(db, { SMTP_URL: `smtp://127.0.0.1:${port}` });
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db?.drop();
  });

  const mail = (to: string): SendMailJob => ({
    to,
    subject: 'Hello',
    text: 'Plain',
    html: '<p>Html <img src="cid:qr@test"></p>',
    inlineQrCodes: [
      { cid: 'qr@test', filename: 'ticket.png', text: 'door-token' },
    ],
  });

  /** A mail as the reservations module writes it: one-time links and the QR's raw token. */
  const TOKEN = 'fakeRawToken_Q7x9vLm2';
  const tokenMail = (to: string): SendMailJob => ({
    to,
    subject: 'Your ticket',
    text: `Ticket: https://foyer.test/ticket#t=${TOKEN}`,
    html: `<p><a href="https://foyer.test/ticket#t=${TOKEN}">Ticket</a> <img src="cid:qr@test"></p>`,
    inlineQrCodes: [{ cid: 'qr@test', filename: 'ticket.png', text: TOKEN }],
  });
  const sealOf = (app: INestApplicationContext) =>
    new OutboxSeal(app.get<AppConfig>(APP_CONFIG));
  const counterValue = async (
    app: INestApplicationContext,
    name: string,
    labels: Record<string, string>,
  ): Promise<number> => {
    const metric = app
      .get<MetricsRegistry>(METRICS_REGISTRY)
      .getSingleMetric(name);
    const values = metric ? (await metric.get()).values : [];
    return (
      values.find((value) =>
        Object.entries(labels).every(
          ([key, label]) =>
            (value.labels as Record<string, unknown>)[key] === label,
        ),
      )?.value ?? 0
    );
  };

  async function addToOutbox(
    app: INestApplicationContext,
    to: string,
    commit = true,
    payload: SendMailJob = mail(to),
  ): Promise<string> {
    let id = '';
    const work = app.get(TenantContext).run(TENANT, async () => {
      id = await app.get(Outbox).add({
        queue: QueueName.MAIL,
        jobName: JobName.SEND_MAIL,
        payload,
        tenantId: TENANT,
      });
      if (!commit) {
        throw new Error('roll back');
      }
    });
    await (commit ? work : expect(work).rejects.toThrow('roll back'));
    return id;
  }

  const outboxCount = async (app: INestApplicationContext) =>
    Number(
      (
        await app
          .get(DataSource)
          .query('SELECT count(*) AS n FROM outbox_message')
      )[0].n,
    );

  it('queues nothing for a rolled-back transaction and exactly one job after commit', async () => {
    worker = await startWorker(false);
    const queue = worker.get<Queue>(getQueueToken(QueueName.MAIL));
    const rolledBack = await addToOutbox(worker, 'never@example.test', false);
    const committed = await addToOutbox(worker, 'once@example.test');
    // The relay wakes on the commit's NOTIFY; no explicit drain here.
    const job = await eventually(
      () => queue.getJob(committed),
      (found) => found !== undefined,
    );
    expect(sealOf(worker).open(committed, job?.data)).toEqual(
      mail('once@example.test'),
    );
    expect(job?.name).toBe(JobName.SEND_MAIL);
    expect(await queue.getJob(rolledBack)).toBeUndefined();
    await expect(
      eventually(
        () => outboxCount(worker as INestApplicationContext),
        (n) => n === 0,
      ),
    ).resolves.toBe(0);
  });

  it('loses nothing committed while no relay ran, and never queues a row twice', async () => {
    const first = await startWorker(false);
    const queue = first.get<Queue>(getQueueToken(QueueName.MAIL));
    await first.close();
    // A process committed and died before any relay saw the row: start one without the listener.
    const producerApp = await startProducer();
    const orphan = await addToOutbox(producerApp, 'orphan@example.test');
    const duplicate = await addToOutbox(producerApp, 'dup@example.test');
    // As if a relay had enqueued this row and died before deleting it.
    await producerApp
      .get<Queue>(getQueueToken(QueueName.MAIL))
      .add(JobName.SEND_MAIL, mail('dup@example.test'), { jobId: duplicate });
    expect(await outboxCount(producerApp)).toBe(2);
    await producerApp.close();

    worker = await startWorker(false);
    const relayQueue = worker.get<Queue>(getQueueToken(QueueName.MAIL));
    await eventually(
      () => outboxCount(worker as INestApplicationContext),
      (n) => n === 0,
    );
    expect(
      sealOf(worker).open(orphan, (await relayQueue.getJob(orphan))?.data),
    ).toEqual(mail('orphan@example.test'));
    const waiting = await relayQueue.getJobs([
      'waiting',
      'delayed',
      'active',
      'completed',
    ]);
    expect(waiting.filter((job) => job.id === duplicate)).toHaveLength(1);
    expect(queue.name).toBe(QueueName.MAIL);
    await relayQueue.obliterate({ force: true });
  });

  it('delivers queued mail through SMTP after commit', async () => {
    worker = await startWorker(true);
    const before = received.length;
    await addToOutbox(worker, 'visitor@example.test');
    const all = await eventually(
      async () => received.slice(before),
      (list) => list.length >= 1,
      8000,
    );
    expect(all).toHaveLength(1);
    expect(all[0]).toContain('To: visitor@example.test');
    expect(all[0]).toContain('Subject: Hello');
    // The QR is rendered by the worker and travels as an inline PNG part.
    expect(all[0]).toMatch(/Content-Type: image\/png; name=ticket\.png/);
    expect(all[0]).toContain('Content-ID: <qr@test>');
    expect(all[0]).toContain('Content-Disposition: inline');
  });
  /** A process that writes outbox rows but runs no relay and no mail processor. */
  async function startProducer(): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule, OutboxModule],
    })
      .overrideProvider(OutboxRelay)
      .useValue({})
      .overrideProvider(MailProcessor)
      .useValue({})
      .compile();
    const app = moduleRef.createNestApplication({
      logger: false,
    } as never) as unknown as INestApplicationContext;
    await app.init();
    return app;
  }

  it('keeps raw tokens and addresses out of the outbox row and the job: both hold only the sealed payload', async () => {
    const producer = await startProducer();
    const to = 'sealed@example.test';
    const id = await addToOutbox(producer, to, true, tokenMail(to));
    // Read as the owner role would: no policy or grant hides anything from it.
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const stored = await owner
      .query(
        `SELECT payload, payload::text AS raw FROM outbox_message WHERE id = $1`,
        [id],
      )
      .finally(() => owner.end());
    expect(Object.keys(stored.rows[0].payload)).toEqual(['sealed']);
    expect(stored.rows[0].payload.sealed).toMatch(/^v1\./);
    for (const secret of [TOKEN, to, 'ticket#t=', 'Your ticket']) {
      expect(stored.rows[0].raw).not.toContain(secret);
    }
    await producer.close();

    worker = await startWorker(false);
    const queue = worker.get<Queue>(getQueueToken(QueueName.MAIL));
    const job = await eventually(
      () => queue.getJob(id),
      (found) => found !== undefined,
    );
    // The relay copies the sealed payload unchanged: Redis holds no token or address.
    expect(job?.data).toEqual(stored.rows[0].payload);
    const redisJson = JSON.stringify(job?.asJSON());
    expect(redisJson).not.toContain(TOKEN);
    expect(redisJson).not.toContain(to);
    // It opens only under its own job id.
    expect(sealOf(worker).open(id, job?.data)).toEqual(tokenMail(to));
    expect(() =>
      sealOf(worker as INestApplicationContext).open(randomUUID(), job?.data),
    ).toThrow();
    expect(job?.opts).toMatchObject({
      removeOnComplete: true,
      attempts: DEFAULT_JOB_OPTIONS.attempts,
    });
    await queue.obliterate({ force: true });
  });

  it('bounds retries to a day: the backoff schedule of the default options ends within 24 h', () => {
    const attempts = DEFAULT_JOB_OPTIONS.attempts ?? 1;
    const backoff = DEFAULT_JOB_OPTIONS.backoff as {
      type: string;
      delay: number;
    };
    expect(backoff.type).toBe('exponential');
    let total = 0;
    for (let made = 1; made < attempts; made++) {
      total += 2 ** (made - 1) * backoff.delay;
    }
    expect(total).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(DEFAULT_JOB_OPTIONS.removeOnComplete).toBe(true);
  });

  it('opens the sealed mail only to send it: the token arrives intact, then the job is gone', async () => {
    worker = await startWorker(true);
    const queue = worker.get<Queue>(getQueueToken(QueueName.MAIL));
    const before = received.length;
    const to = 'delivered@example.test';
    const id = await addToOutbox(worker, to, true, tokenMail(to));
    const all = await eventually(
      async () => received.slice(before),
      (list) => list.length >= 1,
      8000,
    );
    expect(all).toHaveLength(1);
    expect(all[0]).toContain(`To: ${to}`);
    expect(all[0].replace(/=\r?\n/g, '')).toContain(`ticket#t=${TOKEN}`);
    expect(all[0]).toContain('Content-ID: <qr@test>');
    await expect(
      eventually(
        () => queue.getJob(id),
        (job) => job === undefined,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails a mail older than a day for good: no payload kept, counted, and a security event without address or payload', async () => {
    worker = await startWorker(true);
    const app = worker;
    const queue = app.get<Queue>(getQueueToken(QueueName.MAIL));
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const failedBefore = await counterValue(app, 'foyer_mail_failed_total', {
      reason: 'expired',
    });
    const eventsBefore = await counterValue(
      app,
      'foyer_security_events_total',
      {
        event: 'mail_undeliverable',
      },
    );
    const before = received.length;
    const to = 'stale@example.test';
    const id = randomUUID();
    // As if the relay had queued it 25 hours ago and every attempt since had failed.
    await queue.add(JobName.SEND_MAIL, sealOf(app).seal(id, tokenMail(to)), {
      ...DEFAULT_JOB_OPTIONS,
      jobId: id,
      timestamp: Date.now() - 25 * 3600 * 1000,
    });
    const failed = await eventually(
      async () => {
        const job = await Job.fromId(queue, id);
        return { job, state: await queue.getJobState(id) };
      },
      ({ state }) => state === 'failed',
      8000,
    );
    try {
      expect(failed.state).toBe('failed');
      // Visible to ops by id and name, with no payload.
      expect(failed.job?.name).toBe(JobName.SEND_MAIL);
      expect(failed.job?.data).toEqual({});
      expect(failed.job?.attemptsMade).toBe(1);
      expect(failed.job?.failedReason).toBe('mail undeliverable (expired)');
      expect(JSON.stringify(failed.job?.asJSON())).not.toContain(to);
      expect(received.length).toBe(before);
      expect(
        await counterValue(app, 'foyer_mail_failed_total', {
          reason: 'expired',
        }),
      ).toBe(failedBefore + 1);
      expect(
        await counterValue(app, 'foyer_security_events_total', {
          event: 'mail_undeliverable',
        }),
      ).toBe(eventsBefore + 1);
      const event = warn.mock.calls
        .map(([entry]) => entry as Record<string, unknown>)
        .find((entry) => entry?.['event'] === 'mail_undeliverable');
      expect(event).toMatchObject({
        category: 'security',
        jobId: id,
        queue: QueueName.MAIL,
        reason: 'expired',
      });
      expect(JSON.stringify(event)).not.toContain(to);
      expect(JSON.stringify(event)).not.toContain(TOKEN);
    } finally {
      warn.mockRestore();
      await queue.obliterate({ force: true });
    }
  });
});
