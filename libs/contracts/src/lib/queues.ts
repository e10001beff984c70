/** BullMQ queue and job names shared by the API (outbox producers) and the worker. */
export const QueueName = {
  MAIL: 'mail',
  MAINTENANCE: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  SEND_MAIL: 'mail.send',
  ANONYMISE_EXPIRED: 'privacy.anonymise-expired',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/**
 * A QR code the HTML part shows inline with `<img src="cid:…">`. The worker renders it
 * when it sends, so the API never spends time on images inside a booking transaction.
 */
export interface InlineQrCode {
  cid: string;
  filename: string;
  /** The text the QR code encodes. */
  text: string;
}

/** A rendered message: the worker only delivers it. */
export interface SendMailJob {
  to: string;
  subject: string;
  text: string;
  html: string;
  inlineQrCodes?: InlineQrCode[];
}
