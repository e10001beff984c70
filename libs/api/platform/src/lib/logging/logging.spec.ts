import express from 'express';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp from 'pino-http';
import request from 'supertest';
import { REDACTED_PATHS, httpLoggerOptions } from './logging.module';

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
      driverError: { parameters: ['visitor@example.test'] },
    });
    logger.error({ err: error }, 'failed');
    expect(lines.join('\n')).not.toContain('visitor@example.test');
  });
});
