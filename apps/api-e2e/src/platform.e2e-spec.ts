import { API, WEB_ORIGIN } from './env';

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${API}${path}`, { headers });

describe('Foyer API, black box', () => {
  it('is live and ready (PostgreSQL and Redis answer)', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('sends the contract security headers and a request id', async () => {
    const res = await get('/health/live', { 'X-Request-ID': 'e2e-trace-1' });
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toBe('e2e-trace-1');
  });

  it('answers the demo venue publicly and unknown venues with a problem', async () => {
    const demo = await get('/api/public/venues/demo');
    expect(demo.status).toBe(200);
    expect(await demo.json()).toMatchObject({
      slug: 'demo',
      name: expect.any(String),
      timezone: expect.any(String),
    });
    const missing = await get('/api/public/venues/no-such-venue');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(
      /^application\/problem\+json/,
    );
    const body = await missing.json();
    expect(body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      requestId: missing.headers.get('x-request-id'),
    });
  });

  it('allows CORS only for the web origin', async () => {
    const ok = await get('/api/public/venues/demo', { Origin: WEB_ORIGIN });
    expect(ok.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const hostile = await get('/api/public/venues/demo', {
      Origin: 'https://evil.example',
    });
    expect(hostile.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate limits public reads with the X-RateLimit headers', async () => {
    const res = await get('/api/public/venues/demo');
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
    expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

  it('serves the OpenAPI document and Prometheus metrics to localhost', async () => {
    const doc = await get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect((await doc.json()).openapi).toMatch(/^3\./);
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain(
      'foyer_process_resident_memory_bytes',
    );
  });
});
