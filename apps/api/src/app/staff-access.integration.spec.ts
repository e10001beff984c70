import { INestApplication } from '@nestjs/common';
import { Permission, ROLES, ROLE_PERMISSIONS, Role } from '@foyer/contracts';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { TestDatabase, createTestDatabase } from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootApi } from '../testing/boot-api';

const PASSWORD = 'Stage-door-7-lights';
const ORIGIN = 'http://localhost:4200';

/** A representative route per permission that exists so far; the body is invalid on purpose for writes. */
const ROUTES: {
  permission: Permission;
  method: 'get' | 'post' | 'patch';
  path: string;
  body?: object;
  allowed: number;
}[] = [
  {
    permission: Permission.AUDIT_VIEW,
    method: 'get',
    path: '/api/staff/audit',
    allowed: 200,
  },
  {
    permission: Permission.USERS_VIEW,
    method: 'get',
    path: '/api/staff/users',
    allowed: 200,
  },
  {
    permission: Permission.USERS_MANAGE,
    method: 'post',
    path: '/api/staff/users',
    body: { email: 'not-an-email' },
    allowed: 400,
  },
  {
    permission: Permission.TENANT_MANAGE,
    method: 'patch',
    path: '/api/staff/tenant',
    body: { retentionDays: -1 },
    allowed: 400,
  },
  {
    permission: Permission.PERFORMANCES_VIEW,
    method: 'get',
    path: '/api/staff/performances',
    allowed: 200,
  },
  {
    permission: Permission.PERFORMANCES_EDIT,
    method: 'post',
    path: '/api/staff/rooms',
    body: { capacity: -1 },
    allowed: 400,
  },
  {
    permission: Permission.RESERVATIONS_VIEW,
    method: 'get',
    path: `/api/staff/performances/${randomUUID()}/reservations`,
    allowed: 404,
  },
  {
    permission: Permission.RESERVATIONS_MANAGE,
    method: 'post',
    path: `/api/staff/reservations/${randomUUID()}/cancel`,
    body: {},
    allowed: 404,
  },
];

describe('staff access through the full API composition', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let tokens: Record<string, string>;
  const token = (role: Role) => tokens[`${role}@matrix`];
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await bootApi(db, {
      STAFF_RATE_LIMIT_PER_MINUTE: '40',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    ({ tokens } = await seedStaff(
      app,
      { matrix: ROLES },
      { password: PASSWORD },
    ));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.each(
    ROLES.flatMap((role) =>
      ROUTES.map((route) => [role, route.permission, route] as const),
    ),
  )(
    '%s on a %s route: allowed only with the permission',
    async (role, permission, route) => {
      const staff = staffAs(app, token(role));
      const res = await (route.method === 'get'
        ? staff.get(route.path)
        : staff[route.method](route.path, route.body ?? {}));
      const granted = ROLE_PERMISSIONS[role].includes(permission);
      expect({ role, permission, status: res.status }).toEqual({
        role,
        permission,
        status: granted ? route.allowed : 403,
      });
    },
  );

  it('limits staff per user, not per address', async () => {
    // The same keys as the first instance, so its tokens verify here too.
    const keys = Object.fromEntries(
      [
        'JWT_ACCESS_SECRET',
        'JWT_REFRESH_SECRET',
        'CAPABILITY_KEYS',
        'TOKEN_HASH_KEY',
        'MEDIA_SIGNING_KEY',
      ].map((name) => [name, process.env[name] as string]),
    );
    const limited = await bootApi(db, {
      ...keys,
      STAFF_RATE_LIMIT_PER_MINUTE: '3',
      REDIS_KEY_PREFIX: `test:staff-rl:${randomUUID()}:`,
    });
    try {
      const get = (role: Role) =>
        staffAs(limited, token(role)).get('/api/staff/tenant');
      for (let i = 0; i < 3; i += 1) await get('viewer').expect(200);
      const refused = await get('viewer').expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await get('host').expect(200);
    } finally {
      await limited.close();
    }
  });

  it('needs the CSRF token to refresh with the cookie', async () => {
    const login = await http()
      .post('/api/auth/login')
      .set('Origin', ORIGIN)
      .send({ email: 'host@matrix.test', password: PASSWORD })
      .expect(200);
    const cookies = (login.headers['set-cookie'] as unknown as string[]).map(
      (c) => c.split(';')[0],
    );
    const refresh = () =>
      http()
        .post('/api/auth/refresh')
        .set('Cookie', cookies.join('; '))
        .set('Origin', ORIGIN);
    expect((await refresh().expect(403)).body.code).toBe('CSRF_INVALID');
    const ok = await refresh()
      .set('X-CSRF-Token', login.body.csrfToken)
      .expect(200);
    expect(ok.body).toMatchObject({
      role: 'host',
      csrfToken: expect.any(String),
    });
    expect(
      (ok.headers['set-cookie'] as unknown as string[]).some((c) =>
        c.startsWith('foyer_at='),
      ),
    ).toBe(true);
  });

  it('spends similar time on unknown emails and wrong passwords', async () => {
    const time = async (email: string) => {
      const started = process.hrtime.bigint();
      await http()
        .post('/api/auth/login')
        .send({ email, password: 'wrong-password-xyz' })
        .expect(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, and the median of 9 each: a burst of load on a shared CI machine moves
    // a few samples, not the median (4 each once failed under load at 2.5×).
    for (let i = 0; i < 9; i += 1) {
      // Different known accounts so the lockout does not end the sample.
      known.push(await time(`${ROLES[i % ROLES.length]}@matrix.test`));
      unknown.push(await time(`nobody-${i}@matrix.test`));
    }
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
