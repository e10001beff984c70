import { INestApplication } from '@nestjs/common';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { hasStrictRouting } from '@foyer/api/platform/http';
import {
  TestDatabase,
  createTestDatabase,
  keysUnder,
} from '@foyer/api/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootApi } from '../testing/boot-api';
import { ProbeController } from '../testing/probe.controller';

const PASSWORD = 'Stage-door-7-lights';
const ORIGIN = 'http://localhost:4200';
const HOSTILE = 'https://evil.example';
const BOOKING_LIMIT = 3;

/** Every other spelling of a path Express could once route to the same handler. */
function respellings(path: string): string[] {
  const [, api, area, ...rest] = path.split('/');
  const tail = rest.join('/');
  return [
    path.toUpperCase(),
    `/${api.toUpperCase()}/${area.toUpperCase()}/${tail}`,
    `/${api[0].toUpperCase()}${api.slice(1)}/${area[0].toUpperCase()}${area.slice(1)}/${tail}`,
    `${path}/`,
    `/${api}//${area}/${tail}`,
    `/${path}`,
    // A percent-encoded letter of the area: `/api/%73taff/…`, `/api/st%61ff/…`.
    `/${api}/%${area.charCodeAt(0).toString(16)}${area.slice(1)}/${tail}`,
    `/${api}/${area.replace(/a/, '%61')}/${tail}`,
  ].filter(
    (spelling, i, all) => spelling !== path && all.indexOf(spelling) === i,
  );
}

/** The keys of every app of this spec sit under a prefix of their own. */
async function redisKeys(prefix: string): Promise<string[]> {
  const redis = new Redis(
    process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0',
  );
  try {
    return await keysUnder(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

describe('one route, one spelling (full API composition)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let ownerToken: string;
  let performanceId: string;
  const prefix = `test:spelling:${randomUUID()}:`;
  const http = () => request(app.getHttpServer());

  const expectNotFound = (res: request.Response, spelling: string) => {
    expect({ spelling, status: res.status, code: res.body?.code }).toEqual({
      spelling,
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  const cookieLogin = async () => {
    const res = await http()
      .post('/api/auth/login')
      .set('Origin', ORIGIN)
      .send({ email: 'host@spell.test', password: PASSWORD })
      .expect(200);
    const cookies = (res.headers['set-cookie'] as unknown as string[]).map(
      (c) => c.split(';')[0],
    );
    return { cookie: cookies.join('; '), csrfToken: res.body.csrfToken };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await bootApi(
      db,
      {
        REDIS_KEY_PREFIX: prefix,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '1000',
        BOOKING_RATE_LIMIT_PER_MINUTE: String(BOOKING_LIMIT),
      },
      [ProbeController],
    );
    const { tokens } = await seedStaff(
      app,
      { spell: ['owner', 'host'] },
      { password: PASSWORD },
    );
    ownerToken = tokens['owner@spell'];
    const owner = staffAs(app, ownerToken);
    const room = await owner
      .post('/api/staff/rooms', { name: 'Hall', capacity: 500 })
      .expect(201);
    const performance = await owner
      .post('/api/staff/performances', {
        title: 'Show',
        roomId: room.body.id,
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 90_000_000).toISOString(),
        bookingStatus: 'open',
      })
      .expect(201);
    performanceId = performance.body.id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('builds the router case-sensitive and strict', () => {
    expect(hasStrictRouting(app)).toBe(true);
  });

  describe('staff routes', () => {
    it.each(respellings('/api/staff/rooms'))(
      'POST %s with a bearer token and no Idempotency-Key is a 404, not a new room',
      async (spelling) => {
        const res = await http()
          .post(spelling)
          .set('Authorization', `Bearer ${ownerToken}`)
          .send({ name: 'Sneaky', capacity: 1 });
        expectNotFound(res, spelling);
      },
    );

    it('still answers the canonical spelling: key required, then 201', async () => {
      const missing = await http()
        .post('/api/staff/rooms')
        .set('Authorization', `Bearer ${ownerToken}`)
        .send({ name: 'Keyless', capacity: 1 })
        .expect(400);
      expect(missing.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      const rooms = await staffAs(app, ownerToken)
        .get('/api/staff/rooms')
        .expect(200);
      // Only the room beforeAll created: no respelling and no keyless request made one.
      expect(rooms.body.items.map((r: { name: string }) => r.name)).toEqual([
        'Hall',
      ]);
    });

    it.each(respellings('/api/staff/rooms'))(
      'GET %s is a 404 too',
      async (spelling) => {
        const res = await http()
          .get(spelling)
          .set('Authorization', `Bearer ${ownerToken}`);
        expectNotFound(res, spelling);
      },
    );
  });

  describe('public routes', () => {
    it.each(respellings('/api/public/probe'))(
      'GET and POST %s are 404s, outside no limit',
      async (spelling) => {
        expectNotFound(await http().get(spelling), spelling);
        const res = await http()
          .post(spelling)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ text: 'x' }));
        expectNotFound(res, spelling);
      },
    );

    it('serves the canonical spelling, with its limit headers', async () => {
      const res = await http().get('/api/public/probe').expect(200);
      expect(res.headers['x-ratelimit-limit']).toBe('1000');
    });
  });

  describe('the refresh cookie', () => {
    it.each(respellings('/api/auth/refresh'))(
      'POST %s with the cookie, a hostile Origin and no CSRF token is a 404 and does not spend it',
      async (spelling) => {
        const session = await cookieLogin();
        const hostile = await http()
          .post(spelling)
          .set('Cookie', session.cookie)
          .set('Origin', HOSTILE);
        expectNotFound(hostile, spelling);
        expect(hostile.headers['set-cookie']).toBeUndefined();
        // The canonical route still refuses the hostile request...
        const refused = await http()
          .post('/api/auth/refresh')
          .set('Cookie', session.cookie)
          .set('Origin', HOSTILE)
          .expect(403);
        expect(refused.body.code).toBe('ORIGIN_NOT_ALLOWED');
        // ...and the session's own refresh works: the token was never spent.
        const ok = await http()
          .post('/api/auth/refresh')
          .set('Cookie', session.cookie)
          .set('Origin', ORIGIN)
          .set('X-CSRF-Token', session.csrfToken)
          .expect(200);
        expect(ok.body).toMatchObject({ role: 'host' });
      },
    );
  });

  describe('the booking bucket', () => {
    const book = (id: string, n: number) =>
      http()
        .post(`/api/public/performances/${id}/reservations`)
        .set('Idempotency-Key', randomUUID())
        .send({ name: 'Ada', email: `ada-${n}@example.test`, partySize: 1 });

    /** The same id in other cases, and with a letter percent-encoded. */
    const spellingsOf = (id: string): string[] => [
      id,
      id.toUpperCase(),
      id.replace(/[a-f]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c)),
      id.replace(/[a-f]/g, (c, i: number) => (i % 2 ? c : c.toUpperCase())),
      id.replace(/[a-f]/, (c) => `%${c.charCodeAt(0).toString(16)}`),
      id.replace(
        /[a-f]/,
        (c) => `%${c.toUpperCase().charCodeAt(0).toString(16)}`,
      ),
    ];

    it('is one bucket per performance, whatever the case of its id', async () => {
      const spellings = spellingsOf(performanceId);
      const statuses: number[] = [];
      for (let n = 0; n < BOOKING_LIMIT + 5; n += 1) {
        statuses.push((await book(spellings[n % spellings.length], n)).status);
      }
      expect(statuses.filter((s) => s === 202)).toHaveLength(BOOKING_LIMIT);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      const keys = (await redisKeys(prefix)).filter((k) =>
        k.includes('booking'),
      );
      expect(keys.length).toBeGreaterThan(0);
      // Every booking counter names the canonical (lower-case) id, none another spelling.
      for (const key of keys) {
        expect(key).toContain(performanceId);
      }
    });

    it('gives an id that is no UUID no bucket and no Redis key', async () => {
      const before = await redisKeys(prefix);
      for (const [n, id] of [
        'not-a-uuid',
        `${performanceId}x`,
        performanceId.replace(/-/g, ''),
        `${performanceId.slice(0, 35)}g`,
        '%00',
      ].entries()) {
        const res = await book(id, 100 + n);
        expectNotFound(res, id);
      }
      expect(await redisKeys(prefix)).toEqual(before);
    });
  });
});

describe('guards classify by the matched route, not its spelling', () => {
  // Defence in depth: were the router ever permissive again, every spelling that reaches a
  // handler must still meet the canonical route's checks.
  let db: TestDatabase;
  let app: INestApplication;
  let ownerToken: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await bootApi(
      db,
      {
        REDIS_KEY_PREFIX: `test:classify:${randomUUID()}:`,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '2',
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '1000',
      },
      [ProbeController],
      (nest) => {
        // Express's defaults, as before the fix: routes registered next match any case
        // and an optional trailing slash.
        const router = (
          nest.getHttpAdapter().getInstance() as {
            router: { caseSensitive: boolean; strict: boolean };
          }
        ).router;
        router.caseSensitive = false;
        router.strict = false;
      },
    );
    ({
      tokens: { 'owner@loose': ownerToken },
    } = await seedStaff(app, { loose: ['owner'] }, { password: PASSWORD }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.each(['/API/STAFF/rooms', '/Api/Staff/Rooms', '/api/staff/rooms/'])(
    'POST %s still needs the Idempotency-Key',
    async (spelling) => {
      const res = await http()
        .post(spelling)
        .set('Authorization', `Bearer ${ownerToken}`)
        .send({ name: 'Sneaky', capacity: 1 })
        .expect(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      expect(res.headers['x-ratelimit-limit']).toBe('1000');
    },
  );

  it.each(['/api/auth/refresh/', '/API/AUTH/refresh'])(
    'POST %s with the refresh cookie still needs CSRF and an allowed origin',
    async (spelling) => {
      const login = await http()
        .post('/api/auth/login')
        .set('Origin', ORIGIN)
        .send({ email: 'owner@loose.test', password: PASSWORD })
        .expect(200);
      const cookie = (login.headers['set-cookie'] as unknown as string[])
        .map((c) => c.split(';')[0])
        .join('; ');
      const hostile = await http()
        .post(spelling)
        .set('Cookie', cookie)
        .set('Origin', HOSTILE)
        .expect(403);
      expect(hostile.body.code).toBe('ORIGIN_NOT_ALLOWED');
      const noToken = await http()
        .post(spelling)
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .expect(403);
      expect(noToken.body.code).toBe('CSRF_INVALID');
      await http()
        .post('/api/auth/refresh')
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .set('X-CSRF-Token', login.body.csrfToken)
        .expect(200);
    },
  );

  it('counts /API/PUBLIC/… in the public read bucket', async () => {
    const statuses: number[] = [];
    for (const spelling of [
      '/api/public/probe',
      '/API/PUBLIC/PROBE',
      '/Api/Public/Probe/',
    ]) {
      statuses.push((await http().get(spelling)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
