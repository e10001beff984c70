import { Global, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { requestIdFor } from '../http/request-id';
import { SecurityEvents } from './security-events';

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
];

/** Query strings may carry signatures (media URLs): log the path only. */
function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

/** pino-http options: request ids, redaction, no bodies, no query strings. */
export function httpLoggerOptions(
  config: Pick<AppConfig, 'LOG_LEVEL'>,
): Options {
  return {
    level: config.LOG_LEVEL,
    genReqId: requestIdFor,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    autoLogging: {
      ignore: (req: IncomingMessage) =>
        pathOnly(req.url).startsWith('/health/'),
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
        url: pathOnly(req.url),
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customAttributeKeys: { reqId: 'requestId' },
  };
}

@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: httpLoggerOptions(config),
      }),
    }),
  ],
  providers: [SecurityEvents],
  exports: [SecurityEvents],
})
export class LoggingModule {}
