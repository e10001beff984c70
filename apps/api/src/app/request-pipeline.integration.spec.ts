import { INestApplication } from '@nestjs/common';
import { TestDatabase, createTestDatabase } from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootApi } from '../testing/boot-api';
import { ProbeController } from '../testing/probe.controller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('API request pipeline (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let probe: ProbeController;
  const http = () => request(app.getHttpServer());
  const post = (
    body: unknown,
    key: string | null = randomUUID(),
    path = '/api/public/probe',
  ) => {
    const req = http().post(path).set('Content-Type', 'application/json');
    return (key === null ? req : req.set('Idempotency-Key', key)).send(
      JSON.stringify(body),
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await bootApi(
      db,
      {
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '1000',
      },
      [ProbeController],
    );
    probe = app.get(ProbeController);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('headers', () => {
    it('sends the security headers on every response and no X-Powered-By', async () => {
      for (const res of [
        await http().get('/api/public/probe'),
        await http().get('/nowhere'),
      ]) {
        expect(res.headers['content-security-policy']).toBe(
          "default-src 'none';frame-ancestors 'none'",
        );
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('echoes a safe X-Request-ID and replaces an unsafe one', async () => {
      const safe = await http()
        .get('/api/public/probe')
        .set('X-Request-ID', 'client-123.abc')
        .expect(200);
      expect(safe.headers['x-request-id']).toBe('client-123.abc');
      for (const unsafe of [
        'has space',
        'x'.repeat(129),
        '<script>',
        'a\u00e9b',
      ]) {
        const res = await http()
          .get('/api/public/probe')
          .set(
            'X-Request-ID',
            encodeURI(unsafe) === unsafe ? unsafe : 'bad value',
          );
        expect(res.headers['x-request-id']).toMatch(UUID);
      }
    });

    it('answers CORS only for allowlisted origins, with credentials', async () => {
      const allowed = await http()
        .options('/api/public/probe')
        .set('Origin', 'http://localhost:4200')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,idempotency-key');
      expect(allowed.headers['access-control-allow-origin']).toBe(
        'http://localhost:4200',
      );
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      // A preflight is a response like any other: request id and security headers (an
      // allowed origin's is answered by CORS with 204, a hostile one falls through to 404).
      for (const [origin, status] of [
        ['http://localhost:4200', 204],
        ['https://evil.example', 404],
      ] as const) {
        const preflight = await http()
          .options('/api/public/probe')
          .set('Origin', origin)
          .set('X-Request-ID', 'trace-preflight')
          .set('Access-Control-Request-Method', 'POST');
        expect(preflight.status).toBe(status);
        expect(preflight.headers['x-request-id']).toBe('trace-preflight');
        expect(preflight.headers['x-content-type-options']).toBe('nosniff');
        expect(preflight.headers['content-security-policy']).toContain(
          "default-src 'none'",
        );
        expect(preflight.headers['x-frame-options']).toBe('DENY');
      }
      for (const origin of [
        'https://evil.example',
        'null',
        'http://localhost:4200.evil.example',
      ]) {
        const hostile = await http()
          .get('/api/public/probe')
          .set('Origin', origin);
        expect(hostile.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });

  describe('problem details', () => {
    it('answers unknown routes with a 404 problem carrying the request id', async () => {
      const res = await http()
        .get('/api/public/nowhere')
        .set('X-Request-ID', 'trace-404')
        .expect(404);
      expect(res.headers['content-type']).toMatch(
        /^application\/problem\+json/,
      );
      expect(res.body).toEqual({
        type: 'urn:foyer:problem:not-found',
        title: 'Not Found',
        status: 404,
        detail: expect.any(String),
        code: 'NOT_FOUND',
        requestId: 'trace-404',
      });
    });

    it('hides internal errors: no stack, SQL or internal names', async () => {
      const res = await post({}, randomUUID(), '/api/public/probe/boom').expect(
        500,
      );
      expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL' });
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(
        /secret_internal_table|relation|stack|at \w+ \(/,
      );
    });

    it('rejects unknown fields and wrong types with VALIDATION_FAILED and field errors', async () => {
      const res = await post({
        text: 'hi',
        isAdmin: true,
        delayMs: 'soon',
      }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'isAdmin', message: 'is not allowed' },
          expect.objectContaining({ field: 'delayMs' }),
        ]),
      );
      expect(JSON.stringify(res.body)).not.toContain('soon');
    });
  });

  describe('bodies', () => {
    it('refuses JSON bodies over 64 KiB with 413', async () => {
      const res = await post({ text: 'a'.repeat(64 * 1024) }).expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      await post({ text: 'a'.repeat(60 * 1024) }).expect(201);
    });

    it('refuses bodies that are not application/json with 415', async () => {
      const res = await http()
        .post('/api/public/probe')
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'text/plain')
        .send('text=hi')
        .expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const form = await http()
        .post('/api/public/probe')
        .set('Idempotency-Key', randomUUID())
        .type('form')
        .send({ text: 'hi' })
        .expect(415);
      expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
      const res = await http()
        .post('/api/public/probe')
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send('{"text": ')
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('checks size and type before the idempotency key', async () => {
      await post({ text: 'a'.repeat(70 * 1024) }, null).expect(413);
      await http()
        .post('/api/public/probe')
        .set('Content-Type', 'text/plain')
        .send('x')
        .expect(415);
    });
  });

  describe('Idempotency-Key', () => {
    it('is required on public and staff mutations', async () => {
      const res = await post({ text: 'x' }, null).expect(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    });

    it.each([
      ['empty', ''],
      ['too long', 'k'.repeat(256)],
      ['with a space', 'has space'],
      ['non-ASCII', 'kl\u00e9'],
    ])('refuses a key that is %s', async (_label, key) => {
      const req = http()
        .post('/api/public/probe')
        .set('Content-Type', 'application/json');
      // superagent refuses to send non-Latin-1 header values itself, so send raw bytes.
      const res = await (
        key === 'kl\u00e9'
          ? req.set(
              'Idempotency-Key',
              Buffer.from(key, 'utf8').toString('latin1'),
            )
          : req.set('Idempotency-Key', key)
      )
        .send(JSON.stringify({ text: 'x' }))
        .expect(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
    });

    it('accepts a key of exactly 255 printable characters', async () => {
      await post({ text: 'x' }, '~'.repeat(255)).expect(201);
    });

    it('replays the first response for the same key and body, without running the handler again', async () => {
      const key = randomUUID();
      const first = await post({ text: 'once' }, key)
        .set('X-Request-ID', 'first-call')
        .expect(201);
      const callsAfterFirst = probe.calls;
      const again = await post({ text: 'once' }, key)
        .set('X-Request-ID', 'second-call')
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['x-request-id']).toBe('second-call');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(probe.calls).toBe(callsAfterFirst);
    });

    it('answers 422 for the same key with a different body', async () => {
      const key = randomUUID();
      await post({ text: 'one' }, key).expect(201);
      const res = await post({ text: 'two' }, key).expect(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
    });

    it('answers 409 while the first request with the key is still running', async () => {
      const key = randomUUID();
      const slow = post({ text: 'slow', delayMs: 600 }, key).then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const busy = await post({ text: 'slow', delayMs: 600 }, key).expect(409);
      expect(busy.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      expect((await slow).status).toBe(201);
      await post({ text: 'slow', delayMs: 600 }, key)
        .expect(201)
        .expect('Idempotent-Replayed', 'true');
    });

    it('stores and replays error responses too, with the first request id in the body', async () => {
      const key = randomUUID();
      const first = await post({ text: 'x', extra: 1 }, key)
        .set('X-Request-ID', 'err-1')
        .expect(400);
      const again = await post({ text: 'x', extra: 1 }, key)
        .set('X-Request-ID', 'err-2')
        .expect(400);
      expect(again.headers['content-type']).toMatch(
        /^application\/problem\+json/,
      );
      expect(again.body).toEqual(first.body);
      expect(again.body.requestId).toBe('err-1');
      expect(again.headers['x-request-id']).toBe('err-2');
    });

    it('does not store 5xx: a retry with the same key runs again', async () => {
      const key = randomUUID();
      const before = probe.calls;
      await post({}, key, '/api/public/probe/boom').expect(500);
      const retry = await post({}, key, '/api/public/probe/boom').expect(500);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(probe.calls).toBe(before + 2);
    });

    it('does not apply to reads', async () => {
      await http().get('/api/public/probe').expect(200);
    });
  });

  describe('health, metrics and docs', () => {
    it('reports live and ready', async () => {
      await http().get('/health/live').expect(200, { status: 'ok' });
      const ready = await http().get('/health/ready').expect(200);
      expect(ready.body.status).toBe('ok');
      expect(Object.keys(ready.body.info)).toEqual(['database', 'redis']);
    });

    it('serves Prometheus text to allowed addresses, with security event counters', async () => {
      const res = await http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toContain('foyer_security_events_total');
      expect(res.text).toContain('foyer_process_cpu_seconds_total');
    });

    it('serves the OpenAPI document in development', async () => {
      const res = await http().get('/api/docs-json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.paths['/api/public/venues/{slug}']).toBeDefined();
      const ui = await http().get('/api/docs').expect(200);
      expect(ui.headers['content-security-policy']).toContain(
        "frame-ancestors 'none'",
      );
    });
  });
});

describe('API request pipeline under other settings', () => {
  let db: TestDatabase;
  const apps: INestApplication[] = [];
  const boot = async (env: Record<string, string>) => {
    const app = await bootApi(db, env, [ProbeController]);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db?.drop();
  });

  it('rate limits per client IP, with Retry-After, shared by two instances, X-Forwarded-For ignored', async () => {
    const prefix = `test:rl:${randomUUID()}:`;
    const env = {
      PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '4',
      REDIS_KEY_PREFIX: prefix,
      TRUST_PROXY: '0',
    };
    const one = await boot(env);
    const two = await boot(env);
    const send = (app: INestApplication, forwardedFor: string) =>
      request(app.getHttpServer())
        .post('/api/public/probe')
        .set('X-Forwarded-For', forwardedFor)
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ text: 'x' }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await send(i % 2 === 0 ? one : two, `203.0.113.${i}`);
      statuses.push(res.status);
      expect(res.headers['x-ratelimit-limit']).toBe('4');
    }
    expect(statuses).toEqual([201, 201, 201, 201]);
    const limited = await send(two, '198.51.100.7').expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The limit answers before the body size: a huge body from a limited client still gets 429.
    await request(one.getHttpServer())
      .post('/api/public/probe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'a'.repeat(100 * 1024) }))
      .expect(429);
    // Metrics count the refusal under the security category.
    const metrics = await request(one.getHttpServer())
      .get('/metrics')
      .expect(200);
    expect(metrics.text).toMatch(
      /foyer_security_events_total\{event="rate_limited"\} [1-9]/,
    );
  });

  it('admits exactly the limit of a burst of 60 sent at once over two instances', async () => {
    const env = {
      PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '20',
      REDIS_KEY_PREFIX: `test:rl-burst:${randomUUID()}:`,
      TRUST_PROXY: '0',
    };
    const pair = [await boot(env), await boot(env)];
    const burst = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        request(pair[i % 2].getHttpServer())
          .post('/api/public/probe')
          .set('Idempotency-Key', randomUUID())
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ text: 'x' })),
      ),
    );
    const count = (status: number) =>
      burst.filter((res) => res.status === status).length;
    // The counter is one atomic Redis increment per request, shared by both instances.
    expect([count(201), count(429)]).toEqual([20, 40]);
  });

  it('trusts X-Forwarded-For only as far as TRUST_PROXY says', async () => {
    const app = await boot({
      PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '1',
      REDIS_KEY_PREFIX: `test:xff:${randomUUID()}:`,
      TRUST_PROXY: '1',
    });
    const send = (ip: string) =>
      request(app.getHttpServer())
        .post('/api/public/probe')
        .set('X-Forwarded-For', ip)
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ text: 'x' }));
    await send('203.0.113.10').expect(201);
    await send('203.0.113.10').expect(429);
    // One trusted hop: the address the proxy saw is the client, so another client is separate.
    await send('203.0.113.11').expect(201);
    // A client cannot pick its address by prepending its own X-Forwarded-For entries.
    await send('203.0.113.12, 203.0.113.10').expect(429);
  });

  it('hides metrics from addresses outside METRICS_ALLOW', async () => {
    const app = await boot({ METRICS_ALLOW: '10.1.2.3,192.168.0.0/16' });
    const res = await request(app.getHttpServer()).get('/metrics').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('in production: HSTS on, docs off', async () => {
    const app = await boot({
      NODE_ENV: 'production',
      SITE_BASE_URL: 'https://foyer.example',
      CORS_ALLOWLIST: 'https://foyer.example',
    });
    const res = await request(app.getHttpServer())
      .get('/health/live')
      .expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=(\d+)/);
    expect(
      Number(
        /max-age=(\d+)/.exec(res.headers['strict-transport-security'])?.[1],
      ),
    ).toBeGreaterThanOrEqual(31_536_000);
    await request(app.getHttpServer()).get('/api/docs').expect(404);
    await request(app.getHttpServer()).get('/api/docs-json').expect(404);
  });

  it('is not ready when Redis does not answer', async () => {
    const app = await boot({ REDIS_URL: 'redis://127.0.0.1:1/0' });
    const res = await request(app.getHttpServer())
      .get('/health/ready')
      .expect(503);
    expect(res.body).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
