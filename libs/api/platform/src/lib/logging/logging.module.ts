import { Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { TransportSingleOptions } from 'pino';
import type { Options } from 'pino-http';
import { APP_CONFIG, AppConfigModule } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { requestIdFor } from '../http/request-id';
import { MetricsModule } from '../metrics/metrics.module';
import { AppLogger } from './app-logger.service';
import { SecurityEvents } from './security-events.service';

/** Paths pino must never print, wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-session-cap"]',
  'req.headers["x-csrf-token"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.refreshToken',
  '*.accessToken',
  '*.sessionCap',
  '*.csrfToken',
  // Database errors carry the statement's parameters, which may hold personal data.
  'err.parameters',
  'err.driverError.parameters',
  // A constraint violation's detail quotes the offending values (`Key (email)=(…)`).
  'err.detail',
  'err.driverError.detail',
];

/** A table's code is the key to its menu, cart and orders: never written to a log. */
const TABLE_CODE = /^(\/api\/public\/tables\/)[^/]+/i;

/** Query strings may carry signatures (media URLs): log the path only, table codes masked. */
export function loggablePath(url: string | undefined): string {
  return (url ?? '').split('?')[0].replace(TABLE_CODE, '$1:code');
}

/**
 * Development only (LOG_FORMAT=pretty): one line per request or event,
 * `12:00:01.234 INFO: GET /api/public/venues/x 200 4ms` or
 * `12:00:01.240 WARN: [security] auth_failed {"ip":"127.0.0.1","locked":false}`. The transport runs in
 * a worker thread; redaction has already happened in the logger that feeds it.
 */
export const PRETTY_TRANSPORT: TransportSingleOptions = {
  target: 'pino-pretty',
  options: {
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // Request ids and the security category matter to log search, not to a terminal.
    ignore:
      'pid,hostname,context,req,res,responseTime,requestId,category,event',
    messageFormat: '{if context}[{context}] {end}{if event}{event}{end}{msg}',
  },
};

type LoggedRequest = IncomingMessage & { originalUrl?: string };

/** `GET /api/x 200`: how a request's line starts, in both formats. */
function requestLine(req: LoggedRequest, res: ServerResponse): string {
  return `${req.method ?? '?'} ${loggablePath(req.originalUrl ?? req.url)} ${res.statusCode}`;
}

/** pino-http options: request ids, redaction, no bodies, no query strings. */
export function httpLoggerOptions(
  config: Pick<AppConfig, 'LOG_LEVEL'> & Partial<Pick<AppConfig, 'LOG_FORMAT'>>,
): Options {
  return {
    level: config.LOG_LEVEL,
    ...(config.LOG_FORMAT === 'pretty' ? { transport: PRETTY_TRANSPORT } : {}),
    customSuccessMessage: (req, res, responseTime) =>
      `${requestLine(req, res)} ${Math.round(responseTime)}ms`,
    customErrorMessage: (req, res, error) =>
      `${requestLine(req, res)} ${error.name}`,
    genReqId: requestIdFor,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    autoLogging: {
      ignore: (req: IncomingMessage) =>
        loggablePath(req.url).startsWith('/health/'),
    },
    quietReqLogger: true,
    serializers: {
      req: (req: {
        id: string;
        method: string;
        url: string;
        headers: Record<string, unknown>;
      }) => ({
        id: req.id,
        method: req.method,
        url: loggablePath(req.url),
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customAttributeKeys: { reqId: 'requestId' },
  };
}

/** pino for Nest and requests (AppLogger), and the security event log (SecurityEvents). */
@Module({
  imports: [
    MetricsModule,
    LoggerModule.forRootAsync({
      imports: [AppConfigModule],
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: httpLoggerOptions(config),
      }),
    }),
  ],
  providers: [SecurityEvents, AppLogger],
  exports: [SecurityEvents, AppLogger],
})
export class LoggingModule {}
