import { Controller, Get, Req } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import express from 'express';
import { LoggerModule } from 'nestjs-pino';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp from 'pino-http';
import request from 'supertest';
import { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { AppLogger } from './app-logger.service';
import {
  PRETTY_TRANSPORT,
  REDACTED_PATHS,
  httpLoggerOptions,
} from './logging.module';
import { SecurityEvents } from './security-events.service';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('request logging', () => {
  it('carries the request id and never the secrets a request holds', async () => {
    const { lines, stream } = capture();
    const app = express();
    app.use(pinoHttp(httpLoggerOptions({ LOG_LEVEL: 'info' }), stream));
    app.post('/api/media/abc', (req, res) => {
      req.log.info(
        { body: { password: 'hunter2-password', token: 'tok-secret-123' } },
        'handled',
      );
      res.setHeader('Set-Cookie', 'foyer_at=jwt-cookie-value');
      res.json({ ok: true });
    });
    const res = await request(app)
      .post('/api/media/abc?exp=1&sig=media-signature-value')
      .set('Authorization', 'Bearer bearer-secret-value')
      .set('Cookie', 'foyer_at=cookie-secret-value')
      .set('X-Session-Cap', 'capability-secret-value')
      .set('X-CSRF-Token', 'csrf-secret-value')
      .set('Idempotency-Key', 'idempotency-secret-value')
      .set('X-Request-ID', 'trace-42')
      .send({ password: 'body-password-value' })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('trace-42');
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(JSON.parse(line).requestId).toBe('trace-42');
    }
    for (const secret of [
      'bearer-secret-value',
      'cookie-secret-value',
      'capability-secret-value',
      'csrf-secret-value',
      'idempotency-secret-value',
      'media-signature-value',
      'body-password-value',
      'hunter2-password',
      'tok-secret-123',
      'jwt-cookie-value',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('/api/media/abc');
  });

  it('drops the parameters of database errors, which may hold personal data', () => {
    const { lines, stream } = capture();
    const logger = pino(
      { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
      stream,
    );
    const error = Object.assign(new Error('duplicate key'), {
      query: 'INSERT INTO reservation (email) VALUES ($1)',
      parameters: ['visitor@example.test'],
      detail: 'Key (email)=(visitor@example.test) already exists.',
      driverError: {
        parameters: ['visitor@example.test'],
        detail: 'Key (email)=(visitor@example.test) already exists.',
      },
    });
    logger.error({ err: error }, 'failed');
    expect(lines.join('\n')).not.toContain('visitor@example.test');
  });
});

describe('log lines', () => {
  it('say method, path, status and duration, without the query string', async () => {
    const { lines, stream } = capture();
    const app = express();
    app.use(pinoHttp(httpLoggerOptions({ LOG_LEVEL: 'info' }), stream));
    app.get('/api/public/venues/:slug', (_req, res) => {
      res.status(404).end();
    });
    await request(app).get('/api/public/venues/demo?sig=x').expect(404);
    expect(JSON.parse(lines[0]).msg).toMatch(
      /^GET \/api\/public\/venues\/demo 404 \d+ms$/,
    );
  });

  it('never carry a table code, whatever the path spells', async () => {
    const { lines, stream } = capture();
    const app = express();
    app.use(pinoHttp(httpLoggerOptions({ LOG_LEVEL: 'info' }), stream));
    app.use((_req, res) => {
      res.status(204).end();
    });
    for (const path of [
      '/api/public/tables/SECRET-table-code/cart',
      '/API/Public/Tables/SECRET-table-code',
      '/api/public/tables/SECRET-table-code/orders?x=1',
    ]) {
      await request(app).get(path).expect(204);
    }
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('SECRET-table-code');
    expect(JSON.parse(lines[0]).msg).toMatch(
      /^GET \/api\/public\/tables\/:code\/cart 204 \d+ms$/,
    );
  });

  it('go through pino-pretty only when LOG_FORMAT is pretty', () => {
    expect(
      httpLoggerOptions({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }).transport,
    ).toEqual(PRETTY_TRANSPORT);
    expect(
      httpLoggerOptions({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }).transport,
    ).toBeUndefined();
  });
});

describe('Nest loggers', () => {
  @Controller('probe')
  class ProbeController {
    constructor(private readonly security: SecurityEvents) {}

    @Get()
    refuse(@Req() req: object): string {
      this.security.record('rate_limited', req, { bucket: 'probe' });
      return 'ok';
    }
  }

  async function boot(level: 'info' | 'debug') {
    // nestjs-pino keeps one logger for calls outside a request per process.
    __resetOutOfContextForTests();
    const { lines, stream } = capture();
    const moduleRef = await Test.createTestingModule({
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [httpLoggerOptions({ LOG_LEVEL: level }), stream],
        }),
      ],
      controllers: [ProbeController],
      providers: [
        SecurityEvents,
        AppLogger,
        { provide: METRICS_REGISTRY, useValue: new Registry() },
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(AppLogger));
    await app.init();
    return { app, lines };
  }

  it('keep the route table out of info level, and show it at debug', async () => {
    const info = await boot('info');
    await info.app.close();
    expect(info.lines.join('\n')).not.toMatch(/Mapped \{\/probe, GET\} route/);
    const debug = await boot('debug');
    await debug.app.close();
    expect(debug.lines.join('\n')).toMatch(/Mapped \{\/probe, GET\} route/);
  });

  it('write each field once in a security event, inside a request and outside one', async () => {
    const { app, lines } = await boot('info');
    await request(app.getHttpServer())
      .get('/probe')
      .set('X-Request-ID', 'trace-7')
      .expect(200);
    app.get(SecurityEvents).record('ws_refused', {
      id: 'trace-8',
      ip: '192.0.2.1',
    });
    await app.close();
    const events = lines.filter((line) =>
      line.includes('"category":"security"'),
    );
    expect(events).toHaveLength(2);
    for (const line of events) {
      // JSON.parse keeps the last of repeated keys; count them in the raw line.
      expect(line.match(/"requestId":/g)).toHaveLength(1);
      expect(line.match(/"event":/g)).toHaveLength(1);
    }
    expect(JSON.parse(events[0]).requestId).toBe('trace-7');
    expect(JSON.parse(events[1]).requestId).toBe('trace-8');
  });
});
