import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { JobName, QueueName, SendMailJob } from '@foyer/contracts';
import {
  MailProcessor,
  Outbox,
  OutboxRelay,
  TenantContext,
} from '@foyer/api/platform';
import {
  TestDatabase,
  applyTestEnvironment,
  createTestDatabase,
} from '@foyer/api/testing';
import { Queue } from 'bullmq';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
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
      imports: [WorkerModule],
      providers: [Outbox],
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

  async function addToOutbox(
    app: INestApplicationContext,
    to: string,
    commit = true,
  ): Promise<string> {
    let id = '';
    const work = app.get(TenantContext).run(TENANT, async () => {
      id = await app.get(Outbox).add({
        queue: QueueName.MAIL,
        jobName: JobName.SEND_MAIL,
        payload: mail(to),
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
    expect(job?.data).toEqual(mail('once@example.test'));
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
    const producer = await Test.createTestingModule({
      imports: [WorkerModule],
      providers: [Outbox],
    })
      .overrideProvider(OutboxRelay)
      .useValue({})
      .overrideProvider(MailProcessor)
      .useValue({})
      .compile();
    const producerApp = producer.createNestApplication({
      logger: false,
    } as never) as unknown as INestApplicationContext;
    await producerApp.init();
    producerApp.enableShutdownHooks?.();
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
    expect((await relayQueue.getJob(orphan))?.data).toEqual(
      mail('orphan@example.test'),
    );
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
});
