import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, SendMailJob } from '@foyer/contracts';
import { Job, UnrecoverableError } from 'bullmq';
import { Transporter, createTransport } from 'nodemailer';
import { Counter } from 'prom-client';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { SecurityEvents } from '../logging/security-events.service';
import { METRICS_REGISTRY, MetricsRegistry } from '../metrics/metrics-registry';
import { OutboxSeal, SealedPayload } from '../outbox/outbox-seal';
import { qrPng } from '../qr/qr-code';

/** After this long since it was queued, a mail fails for good instead of retrying. */
export const MAIL_MAX_AGE_MS = 24 * 60 * 60 * 1000;

type FailureReason = 'expired' | 'attempts' | 'unopenable' | 'unknown_job';

/**
 * Delivers rendered messages through SMTP_URL. The job holds the payload sealed under its
 * id (OutboxSeal); it is opened only here, just before sending. A failure throws so
 * BullMQ retries with backoff (DEFAULT_JOB_OPTIONS); once attempts are exhausted or the
 * job is older than MAIL_MAX_AGE_MS it fails for good: the job's data is cleared (only
 * its id, name and reason stay visible), foyer_mail_failed_total counts it and a
 * `mail_undeliverable` security event names the job, never the address or payload. The
 * payload and SMTP error texts (which may echo an address) are never logged or stored.
 */
@Processor(QueueName.MAIL, { concurrency: 4 })
export class MailProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;
  private readonly seal: OutboxSeal;
  private readonly failed: Counter<'reason'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS_REGISTRY) registry: MetricsRegistry,
    private readonly securityEvents: SecurityEvents,
  ) {
    super();
    this.transport = createTransport(config.SMTP_URL, {
      from: config.MAIL_FROM,
    });
    this.seal = new OutboxSeal(config);
    this.failed =
      (registry.getSingleMetric('foyer_mail_failed_total') as
        Counter<'reason'> | undefined) ??
      new Counter({
        name: 'foyer_mail_failed_total',
        help: 'Mails that failed for good (retries exhausted or older than a day), by reason',
        labelNames: ['reason'],
        registers: [registry],
      });
  }

  async process(job: Job<SealedPayload>): Promise<void> {
    if (job.name !== JobName.SEND_MAIL) {
      return this.giveUp(job, 'unknown_job');
    }
    if (Date.now() - job.timestamp > MAIL_MAX_AGE_MS) {
      return this.giveUp(job, 'expired');
    }
    let mail: SendMailJob;
    try {
      mail = this.seal.open<SendMailJob>(String(job.id), job.data);
    } catch {
      return this.giveUp(job, 'unopenable');
    }
    try {
      await this.send(mail);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        return this.giveUp(job, 'attempts');
      }
      // Only the error's code: an SMTP reply may quote the recipient, and BullMQ stores
      // the message in Redis as the job's failedReason.
      throw new Error(`mail delivery failed (${errorCode(error)})`);
    }
    this.logger.log(
      { jobId: job.id, attempt: job.attemptsMade + 1 },
      'mail sent',
    );
  }

  /**
   * A job that failed for good some other way (stalled too often) still loses its data.
   * Also covers a job finally failed by giveUp, whose data is already empty.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (job?.finishedOn && Object.keys(job.data ?? {}).length > 0) {
      await job.updateData({} as never).catch(() => undefined);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  private async send(mail: SendMailJob): Promise<void> {
    const { to, subject, text, html, inlineQrCodes = [] } = mail;
    const attachments = await Promise.all(
      inlineQrCodes.map(async (qr) => ({
        cid: qr.cid,
        filename: qr.filename,
        contentType: 'image/png',
        contentDisposition: 'inline' as const,
        content: await qrPng(qr.text),
      })),
    );
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to,
      subject,
      text,
      html,
      attachments,
    });
  }

  /** Fails the job permanently, keeping its id and name but not its payload. */
  private async giveUp(
    job: Job<SealedPayload>,
    reason: FailureReason,
  ): Promise<never> {
    await job.updateData({} as SealedPayload);
    this.failed.inc({ reason });
    this.securityEvents.record('mail_undeliverable', undefined, {
      jobId: String(job.id),
      queue: job.queueName,
      reason,
      attempts: job.attemptsMade + 1,
    });
    throw new UnrecoverableError(`mail undeliverable (${reason})`);
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,32}$/.test(code)
    ? code
    : 'error';
}
