import { Inject, Injectable, Logger } from '@nestjs/common';
import { storage } from 'nestjs-pino/storage';
import { Counter } from 'prom-client';
import { clientIp } from '../http/client-ip';
import { requestIdOf } from '../http/request-id';
import { METRICS_REGISTRY, MetricsRegistry } from '../metrics/metrics-registry';

export type SecurityEvent =
  | 'rate_limited'
  | 'auth_failed'
  | 'csrf_refused'
  | 'origin_refused'
  | 'capability_refused'
  | 'token_refused'
  | 'ws_refused'
  /** A mail failed for good (a day of retries); details hold only the job id and queue. */
  | 'mail_undeliverable'
  /** A password was reset through a mailed link (details: how many sessions ended). */
  | 'password_reset'
  /** A reset was asked for an address that had its share of reset mails this hour. */
  | 'reset_mail_capped';

/**
 * Security-relevant refusals (and resets): logged under the `security` category (never with secrets
 * or bodies) and counted in /metrics as foyer_security_events_total{event}.
 */
@Injectable()
export class SecurityEvents {
  private readonly logger = new Logger('security');
  private readonly counter: Counter<'event'>;

  constructor(@Inject(METRICS_REGISTRY) registry: MetricsRegistry) {
    this.counter =
      (registry.getSingleMetric('foyer_security_events_total') as
        Counter<'event'> | undefined) ??
      new Counter({
        name: 'foyer_security_events_total',
        help: 'Security refusals by event',
        labelNames: ['event'],
        registers: [registry],
      });
  }

  record(
    event: SecurityEvent,
    req?: object,
    details: Record<string, string | number | boolean> = {},
  ): void {
    this.counter.inc({ event });
    this.logger.warn({
      category: 'security',
      event,
      // Inside an HTTP request the request logger already binds requestId; a socket
      // handshake has no request logger, so the id is added here.
      ...(req && !storage.getStore() ? { requestId: requestIdOf(req) } : {}),
      ...(req ? { ip: clientIp(req as { ip?: string }) } : {}),
      ...details,
    });
  }
}
