import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTenantRow,
  createTestApps,
  createTestDatabase,
  outboxMails,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { AuthenticationGuard } from './authentication.guard';
import { CsrfGuard } from './csrf.guard';
import { RESET_MAILS_PER_ADDRESS } from './password-reset.service';
import { StaffAccounts } from './staff-accounts.service';

const PASSWORD = 'Stage-door-7-lights';
const NEW_PASSWORD = 'Velvet-curtain-94!';

/**
 * Forgot password and the user's own sessions, on two API instances sharing PostgreSQL and
 * Redis. Each test would fail without its control: the same answer for unknown addresses,
 * the per-address mail cap, a reset token spent once however many requests race for it,
 * revocation in every tenant, a session list and an end-session that cross tenants for the
 * user and never for anyone else.
 */
describe('password recovery and own sessions (real PostgreSQL and Redis, two instances)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let second: INestApplication;
  let limited: INestApplication;
  let alpha: string;
  let bravo: string;
  const options = {
    imports: [AuditModule, AuthModule],
    authenticate: [AuthenticationGuard, CsrfGuard],
    authorize: [PermissionsGuard],
  };
  const http = (target: INestApplication = app) =>
    request(target.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two instances sharing Redis, the database and the keys; a third with a tight login bucket.
    [app, second, limited] = await createTestApps(
      db,
      3,
      {
        ...options,
        env: {
          REDIS_KEY_PREFIX: `test:recovery:${randomUUID()}:`,
          LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
          STAFF_RATE_LIMIT_PER_MINUTE: '10000',
        },
      },
      (i): Record<string, string> =>
        i === 2
          ? {
              REDIS_KEY_PREFIX: `test:recovery-limited:${randomUUID()}:`,
              LOGIN_RATE_LIMIT_PER_MINUTE: '3',
            }
          : {},
    );
    alpha = await createTenantRow(app, 'alpha', 'Alpha');
    bravo = await createTenantRow(app, 'bravo', 'Bravo');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await second?.close();
    await limited?.close();
    await db?.drop();
  });

  /** A fresh account in both tenants, so each test starts clean. */
  const account = async () => {
    const email = `person-${randomUUID().slice(0, 8)}@example.test`;
    for (const tenant of [alpha, bravo]) {
      await app.get(TenantContext).run(tenant, () =>
        app.get(StaffAccounts).addMember({
          email,
          displayName: 'Person',
          role: 'host',
          password: PASSWORD,
        }),
      );
    }
    return email;
  };
  const login = (
    email: string,
    options: { slug?: string; password?: string; agent?: string } = {},
    target = app,
  ) =>
    http(target)
      .post('/api/auth/login')
      .set('X-Auth-Mode', 'bearer')
      .set('User-Agent', options.agent ?? 'spec-agent')
      .send({
        email,
        password: options.password ?? PASSWORD,
        ...(options.slug ? { tenantSlug: options.slug } : {}),
      });
  const bearer = (token: string, target = app) => ({
    get: (path: string) =>
      http(target).get(path).set('Authorization', `Bearer ${token}`),
    delete: (path: string) =>
      http(target).delete(path).set('Authorization', `Bearer ${token}`),
  });
  const forgot = (email: string, target = app) =>
    http(target).post('/api/auth/forgot-password').send({ email });

  async function withClient<T>(
    url: string,
    work: (client: Client) => Promise<T>,
  ): Promise<T> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const resetTokens = (email: string) =>
    withClient(db.runtimeUrl, async (client) =>
      (await outboxMails(app, client, email)).map(
        (mail) =>
          /\/reset-password#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] as string,
      ),
    );

  describe('forgot password', () => {
    it('answers an unknown address exactly as a known one, and mails only the account', async () => {
      const email = await account();
      const unknown = `nobody-${randomUUID().slice(0, 8)}@example.test`;
      const known = await forgot(email).expect(202);
      const other = await forgot(unknown).expect(202);
      expect(other.body).toEqual(known.body);
      expect(Object.keys(other.headers).sort()).toEqual(
        Object.keys(known.headers).sort(),
      );
      const [token] = await resetTokens(email);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await resetTokens(unknown)).toEqual([]);
      // A different spelling of the address is the same account.
      await forgot(email.toUpperCase()).expect(202);
      expect(await resetTokens(email)).toHaveLength(2);
    });

    it('takes about as long for an unknown address as for a known one', async () => {
      const samples = { known: [] as number[], unknown: [] as number[] };
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await forgot(email).expect(202);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      // A fresh known address each round, so the mail cap never short-cuts one.
      for (let round = 0; round < 9; round += 1) {
        samples.known.push(await time(await account()));
        samples.unknown.push(
          await time(`nobody-${randomUUID().slice(0, 8)}@example.test`),
        );
      }
      const median = (values: number[]) =>
        [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const known = median(samples.known);
      const unknown = median(samples.unknown);
      expect(Math.abs(known - unknown)).toBeLessThan(
        Math.max(10, 1.5 * Math.min(known, unknown)),
      );
    });

    it(`mails one address at most ${RESET_MAILS_PER_ADDRESS} times an hour, however often and wherever it is asked`, async () => {
      const email = await account();
      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          forgot(email, i % 2 ? second : app),
        ),
      );
      expect(burst.map((res) => res.status)).toEqual(Array(12).fill(202));
      expect(await resetTokens(email)).toHaveLength(RESET_MAILS_PER_ADDRESS);
    });

    it('is limited per IP by the login bucket', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push((await forgot(`ip-${i}@example.test`, limited)).status);
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
    });

    it('keeps reset tokens out of the runtime role’s reach', async () => {
      await withClient(db.runtimeUrl, async (client) => {
        await expect(
          client.query('SELECT count(*) FROM password_reset'),
        ).rejects.toMatchObject({ code: '42501' });
      });
    });
  });

  describe('reset password', () => {
    it('spends one token once under 40 concurrent resets on two instances, and ends every session in every tenant', async () => {
      const email = await account();
      const inAlpha = (await login(email, { slug: 'alpha' }).expect(200)).body;
      const inBravo = (await login(email, { slug: 'bravo' }).expect(200)).body;
      await forgot(email).expect(202);
      await forgot(email).expect(202);
      const [token, otherToken] = await resetTokens(email);

      const weak = await http()
        .post('/api/auth/reset-password')
        .send({ token, newPassword: 'password1234' })
        .expect(400);
      expect(weak.body.code).toBe('VALIDATION_FAILED');

      const passwords = Array.from(
        { length: 40 },
        (_, i) => `${NEW_PASSWORD}-${i}`,
      );
      const burst = await Promise.all(
        passwords.map((newPassword, i) =>
          http(i % 2 ? second : app)
            .post('/api/auth/reset-password')
            .send({ token, newPassword }),
        ),
      );
      const won = burst.findIndex((res) => res.status === 204);
      expect(burst.filter((res) => res.status === 204)).toHaveLength(1);
      expect(
        burst
          .filter((res) => res.status !== 204)
          .map((res) => `${res.status} ${res.body.code}`),
      ).toEqual(Array(39).fill('400 TOKEN_INVALID'));

      // The winner's password works in both venues; the old one and the losers' do not.
      await login(email, { slug: 'bravo', password: passwords[won] }).expect(
        200,
      );
      await login(email).expect(401);
      await login(email, {
        password: passwords[(won + 1) % passwords.length],
      }).expect(401);
      // Every session ended, in the other tenant too, with its refresh token.
      await bearer(inAlpha.accessToken).get('/api/auth/me').expect(401);
      await bearer(inBravo.accessToken, second).get('/api/auth/me').expect(401);
      await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: inBravo.refreshToken })
        .expect(401);
      // The account's other open link died with the reset.
      const stale = await http()
        .post('/api/auth/reset-password')
        .send({ token: otherToken, newPassword: `${NEW_PASSWORD}-x` })
        .expect(400);
      expect(stale.body.code).toBe('TOKEN_INVALID');

      // Each venue's log records the reset, without the address.
      for (const tenant of [alpha, bravo]) {
        const events = await withClient(db.runtimeUrl, async (client) => {
          await client.query('BEGIN');
          await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [
            tenant,
          ]);
          const rows = await client.query(
            `SELECT metadata FROM audit_event WHERE action = 'auth.password_reset'`,
          );
          await client.query('ROLLBACK');
          return rows.rows;
        });
        expect(events).toEqual([
          { metadata: { sessions: 1, requestId: expect.any(String) } },
        ]);
      }
    });

    it('refuses an expired token and an unknown one alike', async () => {
      const email = await account();
      await forgot(email).expect(202);
      const [token] = await resetTokens(email);
      await withClient(db.ownerUrl, (client) =>
        client.query(
          `UPDATE password_reset SET expires_at = now() - interval '1 second'`,
        ),
      );
      for (const presented of [token, `${token.slice(0, -3)}abc`]) {
        const res = await http()
          .post('/api/auth/reset-password')
          .send({ token: presented, newPassword: NEW_PASSWORD })
          .expect(400);
        expect(res.body.code).toBe('TOKEN_INVALID');
      }
      await login(email).expect(200);
    });

    it('lifts the lockout: the person who holds the mailbox can sign in at once', async () => {
      const email = await account();
      for (let i = 0; i < 5; i += 1) {
        await login(email, { password: 'wrong-password-1' }).expect(401);
      }
      await login(email).expect(429);
      await forgot(email).expect(202);
      const [token] = await resetTokens(email);
      await http()
        .post('/api/auth/reset-password')
        .send({ token, newPassword: NEW_PASSWORD })
        .expect(204);
      await login(email, { password: NEW_PASSWORD }).expect(200);
    });
  });

  describe('own sessions', () => {
    it('lists the user’s open sessions in every tenant, the current one marked, nobody else’s', async () => {
      const email = await account();
      const someoneElse = await account();
      const inAlpha = (
        await login(email, { slug: 'alpha', agent: 'Agent A' }).expect(200)
      ).body;
      await login(email, { slug: 'bravo', agent: 'Agent B' }).expect(200);
      await login(someoneElse, { slug: 'alpha' }).expect(200);

      const listed = await bearer(inAlpha.accessToken)
        .get('/api/auth/sessions')
        .expect(200);
      const items = listed.body.items as {
        id: string;
        tenant: { slug: string };
        userAgent: string;
        ip: string;
        createdAt: string;
        lastUsedAt: string;
        current: boolean;
      }[];
      expect(items).toHaveLength(2);
      expect(
        items
          .map((s) => [s.tenant.slug, s.userAgent, s.current])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ).toEqual([
        ['alpha', 'Agent A', true],
        ['bravo', 'Agent B', false],
      ]);
      for (const item of items) {
        expect(item.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
        expect(Date.parse(item.createdAt)).not.toBeNaN();
        expect(Date.parse(item.lastUsedAt)).not.toBeNaN();
        expect(Object.keys(item).sort()).toEqual(
          [
            'createdAt',
            'current',
            'id',
            'ip',
            'lastUsedAt',
            'tenant',
            'userAgent',
          ].sort(),
        );
      }
    });

    it('moves last used forward on a refresh', async () => {
      const email = await account();
      const first = (await login(email, { slug: 'alpha' }).expect(200)).body;
      const before = (
        await bearer(first.accessToken).get('/api/auth/sessions').expect(200)
      ).body.items[0].lastUsedAt as string;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const next = await http()
        .post('/api/auth/refresh')
        .set('User-Agent', 'Agent refreshed')
        .send({ refreshToken: first.refreshToken })
        .expect(200);
      const [after] = (
        await bearer(next.body.accessToken)
          .get('/api/auth/sessions')
          .expect(200)
      ).body.items;
      expect(Date.parse(after.lastUsedAt)).toBeGreaterThan(Date.parse(before));
      expect(after.userAgent).toBe('Agent refreshed');
    });

    it('ends the user’s session in another tenant, never someone else’s, and signs itself out', async () => {
      const email = await account();
      const someoneElse = await account();
      const inAlpha = (await login(email, { slug: 'alpha' }).expect(200)).body;
      const inBravo = (await login(email, { slug: 'bravo' }).expect(200)).body;
      const theirs = (await login(someoneElse, { slug: 'alpha' }).expect(200))
        .body;
      const sessionOf = async (token: string) =>
        (
          (await bearer(token).get('/api/auth/sessions').expect(200)).body
            .items as { id: string; current: boolean }[]
        ).find((s) => s.current)?.id as string;
      const bravoSession = await sessionOf(inBravo.accessToken);
      const theirSession = await sessionOf(theirs.accessToken);

      const refused = await bearer(inAlpha.accessToken)
        .delete(`/api/auth/sessions/${theirSession}`)
        .expect(404);
      expect(refused.body.code).toBe('NOT_FOUND');
      await bearer(theirs.accessToken).get('/api/auth/me').expect(200);
      await bearer(inAlpha.accessToken)
        .delete('/api/auth/sessions/not-a-uuid')
        .expect(404);

      // From the other instance, and another spelling of the id: the same session.
      await bearer(inAlpha.accessToken, second)
        .delete(`/api/auth/sessions/${bravoSession.toUpperCase()}`)
        .expect(204);
      await bearer(inBravo.accessToken).get('/api/auth/me').expect(401);
      await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: inBravo.refreshToken })
        .expect(401);
      await bearer(inAlpha.accessToken)
        .delete(`/api/auth/sessions/${bravoSession}`)
        .expect(404);

      const own = await sessionOf(inAlpha.accessToken);
      await bearer(inAlpha.accessToken)
        .delete(`/api/auth/sessions/${own}`)
        .expect(204);
      await bearer(inAlpha.accessToken).get('/api/auth/me').expect(401);
    });
  });
});
