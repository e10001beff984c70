/** BullMQ queue and job names shared by the API (outbox producers) and the worker. */
export const QueueName = {
  MAIL: 'mail',
  MAINTENANCE: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  SEND_MAIL: 'mail.send',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** A rendered message: the worker only delivers it. */
export interface SendMailJob {
  to: string;
  subject: string;
  text: string;
  html: string;
}
