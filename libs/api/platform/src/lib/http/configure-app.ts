import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppConfig } from '../config/config.schema';
import { createValidationPipe } from '../errors/validation';
import { AppLogger } from '../logging/app-logger.service';
import { requestIdFor } from './request-id';
import { useStrictRouting } from './router-options';

export const DOCS_PATH = 'api/docs';

/** Headers the browser may read cross-origin and send. */
const EXPOSED_HEADERS = [
  'X-Request-ID',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Idempotent-Replayed',
  'ETag',
];
const ALLOWED_HEADERS = [
  'Content-Type',
  'Authorization',
  'Idempotency-Key',
  'X-CSRF-Token',
  'X-Session-Cap',
  'X-Request-ID',
  'X-Auth-Mode',
  'If-None-Match',
];

/**
 * Everything about the HTTP surface that is not a route: case-sensitive strict routing,
 * proxy trust, security headers, CORS, validation, OpenAPI. main.ts and every integration
 * test build the app through this. Create the app with `bodyParser: false`: JsonBodyGuard parses bodies after the
 * rate limit, as the contract orders.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  // First, before Swagger or Nest register a route: one spelling per route.
  useStrictRouting(app);
  express.useLogger(app.get(AppLogger));
  express.set('trust proxy', config.TRUST_PROXY);
  express.disable('x-powered-by');
  express.set('etag', false);
  // Before CORS, which answers preflights itself: every response carries its request id.
  express.use((req: Request, res: Response, next: NextFunction) => {
    requestIdFor(req, res);
    next();
  });

  const apiHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    hsts: config.isProduction
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-site' },
    frameguard: { action: 'deny' },
  });
  const docsHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
    hsts: config.isProduction
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  // Only headers are chosen by path here, and with case-sensitive routing this spelling is
  // exactly the one the docs routes answer; every other spelling gets the API's strict CSP.
  express.use((req: Request, res: Response, next: NextFunction) =>
    req.path === `/${DOCS_PATH}` || req.path.startsWith(`/${DOCS_PATH}/`)
      ? docsHeaders(req, res, next)
      : apiHeaders(req, res, next),
  );

  express.use(cookieParser());

  const allowlist = new Set(config.CORS_ALLOWLIST);
  express.enableCors({
    origin: (origin, callback) =>
      callback(null, origin !== undefined && allowlist.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });

  if (config.API_DOCS) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Foyer API')
        .setDescription(
          'Reservations, check-in and table ordering for venues. Errors are RFC 9457 problem details. ' +
            'Paths are case-sensitive and strict: each route has exactly the spelling listed here ' +
            '(no trailing slash, no other case, no percent-encoded letters); any other spelling is 404 NOT_FOUND.',
        )
        .setVersion('0.1.0')
        .addCookieAuth('foyer_at')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup(DOCS_PATH, app, document, {
      jsonDocumentUrl: `${DOCS_PATH}-json`,
    });
  }
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
}
