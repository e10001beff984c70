import { INestApplication } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { AuditModule } from '@foyer/api/audit';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { AuthenticationGuard } from './authentication.guard';
import { CsrfGuard } from './csrf.guard';
import { AuthModule } from './auth.module';
import { StaffAccounts } from './staff-accounts.service';

const PASSWORD = 'Stage-door-7-lights';
const ORIGIN = 'http://localhost:4200';

describe('staff authentication (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let second: INestApplication;
  let tenantA: string;
  let tenantB: string;
  const env = {
    REDIS_KEY_PREFIX: `test:auth:${randomUUID()}:`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  };
  const http = () => request(app.getHttpServer());
  const boot = () =>
    createTestApp(db, {
      imports: [AuditModule, AuthModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await boot();
    const keys = {
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'] as string,
      JWT_REFRESH_SECRET: process.env['JWT_REFRESH_SECRET'] as string,
      CAPABILITY_KEYS: process.env['CAPABILITY_KEYS'] as string,
      TOKEN_HASH_KEY: process.env['TOKEN_HASH_KEY'] as string,
      MEDIA_SIGNING_KEY: process.env['MEDIA_SIGNING_KEY'] as string,
    };
    Object.assign(env, keys);
    second = await boot();
    const context = app.get(TenantContext);
    const accounts = app.get(StaffAccounts);
    tenantA = await createTenantRow(app, 'alpha', 'Alpha');
    tenantB = await createTenantRow(app, 'bravo', 'Bravo');
    await context.run(tenantA, async () => {
      for (const role of ['owner', 'viewer'] as Role[]) {
        await accounts.addMember({
          email: `${role}@alpha.test`,
          displayName: role,
          role,
          password: PASSWORD,
        });
      }
      await accounts.addMember({
        email: 'lock@alpha.test',
        displayName: 'Lock',
        role: 'host',
        password: PASSWORD,
      });
      await accounts.addMember({
        email: 'lock2@alpha.test',
        displayName: 'Lock',
        role: 'host',
        password: PASSWORD,
      });
    });
    await context.run(tenantB, () =>
      accounts.addMember({
        email: 'owner@bravo.test',
        displayName: 'B',
        role: 'owner',
        password: PASSWORD,
      }),
    );
  });

  afterAll(async () => {
    await app?.close();
    await second?.close();
    await db?.drop();
  });

  const bearerLogin = async (email: string, password = PASSWORD) =>
    (
      await http()
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({ email, password })
        .expect(200)
    ).body as {
      accessToken: string;
      refreshToken: string;
    };

  const cookieLogin = async (email: string) => {
    const res = await http()
      .post('/api/auth/login')
      .set('Origin', ORIGIN)
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookies = (res.headers['set-cookie'] as unknown as string[]).map(
      (c) => c.split(';')[0],
    );
    return { cookies, csrfToken: res.body.csrfToken as string, body: res.body };
  };

  describe('login', () => {
    it('answers browsers with the session and httpOnly cookies, API clients with a token pair', async () => {
      const { cookies, body } = await cookieLogin('owner@alpha.test');
      expect(body).toMatchObject({
        user: { email: 'owner@alpha.test' },
        tenant: { id: tenantA, slug: 'alpha' },
        role: 'owner',
        csrfToken: expect.any(String),
      });
      expect(body.permissions).toContain('audit:view');
      expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual([
        'foyer_at',
        'foyer_csrf',
        'foyer_rt',
      ]);
      const pair = await bearerLogin('owner@alpha.test');
      expect(pair).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
    });

    it('answers a wrong password and an unknown email identically', async () => {
      const wrong = await http()
        .post('/api/auth/login')
        .send({ email: 'viewer@alpha.test', password: 'nope-nope-nope' })
        .expect(401);
      const unknown = await http()
        .post('/api/auth/login')
        .send({ email: 'ghost@alpha.test', password: 'nope-nope-nope' })
        .expect(401);
      const strip = (body: Record<string, unknown>) => ({
        ...body,
        requestId: undefined,
      });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('locks an account on the fifth failure, across API instances, even for the right password', async () => {
      const servers = [app, second];
      for (let i = 0; i < 5; i += 1) {
        const res = await request(servers[i % 2].getHttpServer())
          .post('/api/auth/login')
          .send({ email: 'lock@alpha.test', password: `wrong-password-${i}` });
        expect(res.status).toBe(401);
      }
      const locked = await request(second.getHttpServer())
        .post('/api/auth/login')
        .send({ email: 'lock@alpha.test', password: PASSWORD })
        .expect(429);
      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      // Another account is unaffected.
      await bearerLogin('lock2@alpha.test');
    });

    it('refuses hostile origins on login', async () => {
      for (const headers of [
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
        { 'Sec-Fetch-Site': 'cross-site' },
      ]) {
        const res = await http()
          .post('/api/auth/login')
          .set(headers)
          .send({ email: 'owner@alpha.test', password: PASSWORD })
          .expect(403);
        expect(res.body.code).toBe('ORIGIN_NOT_ALLOWED');
      }
    });
  });

  describe('access tokens', () => {
    const me = (token: string) =>
      http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);

    it('accepts a genuine token', async () => {
      const { accessToken } = await bearerLogin('viewer@alpha.test');
      await me(accessToken).expect(200);
    });

    it('refuses forged, foreign, expired and misused tokens', async () => {
      const { accessToken, refreshToken } =
        await bearerLogin('viewer@alpha.test');
      const claims = jwt.decode(accessToken) as Record<string, unknown>;
      const secret = (process.env['JWT_ACCESS_SECRET'] as string)
        .split(':')
        .slice(1)
        .join(':');
      const base = Object.fromEntries(
        Object.entries(claims).filter(
          ([key]) => key !== 'iat' && key !== 'exp',
        ),
      );
      const sign = (payload: object, key: string, options: jwt.SignOptions) =>
        jwt.sign(payload, key, options);
      const forged = [
        // alg none
        `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'k1' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
        sign(base, 'not-the-key-at-all-not-the-key-at-all', {
          algorithm: 'HS256',
          keyid: 'k1',
        }),
        sign({ ...base, aud: 'someone-else' }, secret, {
          algorithm: 'HS256',
          keyid: 'k1',
        }),
        sign({ ...base, iss: 'evil' }, secret, {
          algorithm: 'HS256',
          keyid: 'k1',
        }),
        sign({ ...base, exp: Math.floor(Date.now() / 1000) - 10 }, secret, {
          algorithm: 'HS256',
          keyid: 'k1',
        }),
        sign(base, secret, { algorithm: 'HS256', keyid: 'k9' }),
        sign(base, secret, { algorithm: 'HS512', keyid: 'k1' }),
        refreshToken,
      ];
      for (const token of forged) {
        const res = await me(token).expect(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      // The genuine token still works: the refusals above were about the forgeries.
      await me(accessToken).expect(200);
    });
  });

  describe('refresh', () => {
    it('rotates, and a reused refresh token revokes its whole session', async () => {
      const first = await bearerLogin('viewer@alpha.test');
      const rotated = await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200);
      await http()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${rotated.body.accessToken}`)
        .expect(200);
      const reused = await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(401);
      expect(reused.body.code).toBe('REFRESH_REUSED');
      await http()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${rotated.body.accessToken}`)
        .expect(401);
      await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
    });
  });

  describe('CSRF on cookie-authenticated mutations', () => {
    it('requires the session-bound token in the header', async () => {
      const a = await cookieLogin('viewer@alpha.test');
      const b = await cookieLogin('owner@alpha.test');
      const logout = (cookies: string[], token?: string) => {
        const req = http()
          .post('/api/auth/logout')
          .set('Cookie', cookies.join('; '))
          .set('Origin', ORIGIN);
        return token === undefined ? req : req.set('X-CSRF-Token', token);
      };
      expect((await logout(a.cookies).expect(403)).body.code).toBe(
        'CSRF_INVALID',
      );
      expect(
        (await logout(a.cookies, 'x'.repeat(20)).expect(403)).body.code,
      ).toBe('CSRF_INVALID');
      // Another session's token, even with its own cookie copied over, does not fit this session.
      const withOtherCsrf = [
        ...a.cookies.filter((c) => !c.startsWith('foyer_csrf=')),
        b.cookies.find((c) => c.startsWith('foyer_csrf=')) as string,
      ];
      expect(
        (await logout(withOtherCsrf, b.csrfToken).expect(403)).body.code,
      ).toBe('CSRF_INVALID');
      const hostile = await http()
        .post('/api/auth/logout')
        .set('Cookie', a.cookies.join('; '))
        .set('X-CSRF-Token', a.csrfToken)
        .set('Origin', 'https://evil.example')
        .expect(403);
      expect(hostile.body.code).toBe('ORIGIN_NOT_ALLOWED');
      await logout(a.cookies, a.csrfToken).expect(204);
      await http()
        .get('/api/auth/me')
        .set('Cookie', a.cookies.join('; '))
        .expect(401);
    });

    it('lets a browser sign in again while an old refresh cookie is still sent', async () => {
      const old = await cookieLogin('viewer@alpha.test');
      await http()
        .post('/api/auth/login')
        .set('Cookie', old.cookies.join('; '))
        .set('Origin', ORIGIN)
        .send({ email: 'viewer@alpha.test', password: PASSWORD })
        .expect(200);
    });

    it('does not ask bearer clients for a CSRF token', async () => {
      const { accessToken } = await bearerLogin('viewer@alpha.test');
      await http()
        .post('/api/auth/logout')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(204);
      await http()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(401);
    });
  });

  describe('permissions and tenants', () => {
    it('refuses staff routes without the permission or without a credential', async () => {
      await http().get('/api/staff/audit').expect(401);
      const viewer = await bearerLogin('viewer@alpha.test');
      expect(
        (
          await http()
            .get('/api/staff/audit')
            .set('Authorization', `Bearer ${viewer.accessToken}`)
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN');
    });

    it('shows each tenant only its own audit trail, and the chain verifies', async () => {
      const a = await bearerLogin('owner@alpha.test');
      const b = await bearerLogin('owner@bravo.test');
      const listA = await http()
        .get('/api/staff/audit?limit=100')
        .set('Authorization', `Bearer ${a.accessToken}`)
        .expect(200);
      const listB = await http()
        .get('/api/staff/audit?limit=100')
        .set('Authorization', `Bearer ${b.accessToken}`)
        .expect(200);
      expect(listA.body.items.length).toBeGreaterThan(3);
      const idsA = new Set(listA.body.items.map((e: { id: string }) => e.id));
      expect(listB.body.items.some((e: { id: string }) => idsA.has(e.id))).toBe(
        false,
      );
      expect(JSON.stringify(listA.body)).not.toMatch(
        /@alpha\.test|Stage-door|password/,
      );
      await http()
        .get('/api/staff/audit/verify')
        .set('Authorization', `Bearer ${a.accessToken}`)
        .expect(200)
        .expect((res) => expect(res.body).toMatchObject({ ok: true }));
      const filtered = await http()
        .get('/api/staff/audit?action=auth.login_failed&limit=1')
        .set('Authorization', `Bearer ${a.accessToken}`)
        .expect(200);
      expect(filtered.body.items).toHaveLength(1);
      expect(filtered.body.nextCursor).toEqual(expect.any(String));
      await http()
        .get('/api/staff/audit?limit=0')
        .set('Authorization', `Bearer ${a.accessToken}`)
        .expect(400);
    });

    it('keeps the audit log append-only for the runtime role, and tampering breaks verify', async () => {
      const runtime = new Client({ connectionString: db.runtimeUrl });
      await runtime.connect();
      try {
        await runtime.query('BEGIN');
        await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [
          tenantA,
        ]);
        await expect(
          runtime.query(`UPDATE audit_event SET action = 'x.y'`),
        ).rejects.toThrow(/permission denied/);
        await runtime.query('ROLLBACK');
        await runtime.query('BEGIN');
        await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [
          tenantA,
        ]);
        await expect(runtime.query(`DELETE FROM audit_event`)).rejects.toThrow(
          /permission denied/,
        );
        await runtime.query('ROLLBACK');
      } finally {
        await runtime.end();
      }
      const owner = new Client({ connectionString: db.ownerUrl });
      await owner.connect();
      try {
        await owner.query(
          `UPDATE audit_event SET metadata = '{"forged":true}' WHERE id = (SELECT id FROM audit_event WHERE tenant_id = $1 ORDER BY seq LIMIT 1 OFFSET 1)`,
          [tenantA],
        );
      } finally {
        await owner.end();
      }
      const a = await bearerLogin('owner@alpha.test');
      const verify = await http()
        .get('/api/staff/audit/verify')
        .set('Authorization', `Bearer ${a.accessToken}`)
        .expect(200);
      expect(verify.body.ok).toBe(false);
      expect(verify.body.firstBrokenId).toEqual(expect.any(String));
    });
  });
});
