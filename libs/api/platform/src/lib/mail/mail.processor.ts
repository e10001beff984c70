import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, SendMailJob } from '@foyer/contracts';
import { Job } from 'bullmq';
import { Transporter, createTransport } from 'nodemailer';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { qrPng } from '../qr/qr-code';

/**
 * Delivers rendered messages through SMTP_URL. A failure throws so BullMQ retries with
 * backoff; the payload (which may hold one-time links) is never logged.
 */
@Processor(QueueName.MAIL, { concurrency: 4 })
export class MailProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    this.transport = createTransport(config.SMTP_URL, {
      from: config.MAIL_FROM,
    });
  }

  async process(job: Job<SendMailJob>): Promise<void> {
    if (job.name !== JobName.SEND_MAIL) {
      throw new Error(`unknown mail job ${job.name}`);
    }
    const { to, subject, text, html, inlineQrCodes = [] } = job.data;
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
    this.logger.log(
      { jobId: job.id, attempt: job.attemptsMade + 1 },
      'mail sent',
    );
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
