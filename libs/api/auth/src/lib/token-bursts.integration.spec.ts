import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  burst,
  createTenantRow,
  createTestApps,
  createTestDatabase,
  tally,
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
const BURST = 40;

/**
 * The once-only auth transitions against a burst of the same request, spread over two API
 * instances that share the database and Redis: one refresh token, one set-password token
 * and one accept-invitation token, each spent once. (The reset-password token has its
 * two-instance burst in recovery.integration.spec.ts.) The login bucket is far above the
 * burst, so what bounds each result is the transition's own guard, never the rate limiter.
 */
describe('once-only auth tokens under bursts over two instances (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let apps: INestApplication[];
  let owner: Client;
  let tenant: string;
  let other: string;
  let seq = 0;

  // Two instances boot here (and the template database on a first run): allow more than 30 s.
  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await createTestApps(db, 2, {
      imports: [AuditModule, AuthModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        DATABASE_POOL_SIZE: '20',
      },
    });
    tenant = await createTenantRow(apps[0], 'alpha', 'Alpha');
    other = await createTenantRow(apps[0], 'bravo', 'Bravo');
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 90_000);

  afterAll(async () => {
    await owner?.end();
    await Promise.all((apps ?? []).map((app) => app.close()));
    await db?.drop();
  });

  const http = (app: INestApplication) => request(app.getHttpServer());
  const login = (
    app: INestApplication,
    email: string,
    password: string,
    tenantSlug?: string,
  ) =>
    http(app)
      .post('/api/auth/login')
      .set('X-Auth-Mode', 'bearer')
      .send({ email, password, tenantSlug });
  const refresh = (app: INestApplication, refreshToken: string) =>
    http(app).post('/api/auth/refresh').send({ refreshToken });
  const count = async (sql: string, params: unknown[]) =>
    (await owner.query(sql, params)).rows[0].n as number;

  const uniqueEmail = () => {
    seq += 1;
    return `burst-${seq}-${randomUUID().slice(0, 8)}@alpha.test`;
  };

  /**
   * Adds `email` to a tenant: with a password an active member, without one an invited
   * member and the one-time token of their invitation link (set-password for a new
   * account, accept-invitation for an existing one).
   */
  async function member(
    email: string,
    options: { tenantId?: string; password?: string } = {},
  ) {
    const app = apps[0];
    const added = await app
      .get(TenantContext)
      .run(options.tenantId ?? tenant, () =>
        app.get(StaffAccounts).addMember({
          email,
          displayName: `Burst ${seq}`,
          role: 'host',
          password: options.password,
        }),
      );
    return { userId: added.userId, invitation: added.invitation };
  }

  describe('refresh rotation', () => {
    // Guard: Sessions.rotate reads the presented token's refresh_token row `FOR UPDATE`.
    // The burst queues on that row lock; the first holder marks it spent and issues the
    // next token, and every waiter, re-reading the row after that commit, finds spent_at
    // set and takes the reuse path (the session revoked). Without the lock several
    // requests would read it unspent at once, each answering 200 with a token of its own.
    it(`spends one refresh token once when it is presented ${BURST}× at once over two instances, then revokes the session`, async () => {
      for (let round = 0; round < 3; round += 1) {
        const email = uniqueEmail();
        const { userId } = await member(email, { password: PASSWORD });
        const signedIn = await login(apps[round % 2], email, PASSWORD).expect(
          200,
        );
        const sid = (jwt.decode(signedIn.body.refreshToken) as { sid: string })
          .sid;
        expect(
          await count(
            'SELECT count(*)::int AS n FROM refresh_token WHERE session_id = $1',
            [sid],
          ),
        ).toBe(1);

        const answers = await burst(apps, BURST, (app) =>
          refresh(app, signedIn.body.refreshToken),
        );
        // Exactly one rotation; every other presentation met the token already spent.
        // (UNAUTHENTICATED cannot happen here: the row exists, is this session's and is
        // not expired, so a loser always finds it spent.)
        expect(tally(answers)).toEqual({
          '200': 1,
          '401 REFRESH_REUSED': BURST - 1,
        });
        const winner = answers.find((res) => res.status === 200)?.body as {
          accessToken: string;
          refreshToken: string;
        };
        expect(winner).toEqual({
          accessToken: expect.any(String),
          refreshToken: expect.any(String),
          expiresIn: expect.any(Number),
        });

        // The burst issued exactly one new refresh token for the session; the presented
        // one is spent, the new one not (nobody presented it yet).
        const tokens = await owner.query(
          `SELECT spent_at IS NOT NULL AS spent FROM refresh_token WHERE session_id = $1 ORDER BY spent_at IS NULL`,
          [sid],
        );
        expect(tokens.rows).toEqual([{ spent: true }, { spent: false }]);
        // Revoked once, for reuse, and audited once (by the presentation that ended it).
        const session = await owner.query(
          'SELECT revoked_at IS NOT NULL AS revoked, revoke_reason FROM auth_session WHERE id = $1',
          [sid],
        );
        expect(session.rows).toEqual([
          { revoked: true, revoke_reason: 'refresh_reused' },
        ]);
        expect(
          await count(
            `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh_reused' AND target_id = $1 AND actor_id = $2`,
            [sid, userId],
          ),
        ).toBe(1);

        // What the winner got is dead too, on either instance: reuse ended the family.
        for (const app of apps) {
          await http(app)
            .get('/api/auth/me')
            .set('Authorization', `Bearer ${winner.accessToken}`)
            .expect(401);
        }
        const late = await refresh(apps[1], winner.refreshToken).expect(401);
        expect(late.body.code).toBe('UNAUTHENTICATED');
        const again = await refresh(apps[0], signedIn.body.refreshToken).expect(
          401,
        );
        expect(again.body.code).toBe('REFRESH_REUSED');
        // Nothing after the burst issued another token for the session.
        expect(
          await count(
            'SELECT count(*)::int AS n FROM refresh_token WHERE session_id = $1',
            [sid],
          ),
        ).toBe(2);
      }
    });
  });

  describe('set-password token', () => {
    // Guard: InvitationTokens.spend spends the token with a conditional UPDATE
    // (`UPDATE password_token SET used_at = now() WHERE … AND used_at IS NULL … RETURNING`).
    // The burst queues on that row's lock; the first spends it and stores its password,
    // and every waiter re-evaluates `used_at IS NULL` after that commit, updates nothing
    // and answers TOKEN_INVALID, storing nothing. Without the condition each request would
    // set its own password in turn, and the last writer, not the first, would own the
    // account.
    it(`spends one set-password token once under ${BURST} concurrent submissions over two instances, each with another password`, async () => {
      const email = uniqueEmail();
      const { userId, invitation } = await member(email);
      expect(invitation?.path).toBe('/set-password');
      const token = invitation?.token as string;
      const passwords = Array.from(
        { length: BURST },
        (_, i) => `Velvet-curtain-${i}-rises`,
      );

      const answers = await burst(apps, BURST, (app, i) =>
        http(app)
          .post('/api/auth/set-password')
          .send({ token, newPassword: passwords[i] }),
      );
      expect(tally(answers)).toEqual({
        '204': 1,
        '400 TOKEN_INVALID': BURST - 1,
      });
      const won = answers.findIndex((res) => res.status === 204);

      // The token is spent once, one password was set and audited once.
      const spent = await owner.query(
        'SELECT used_at IS NOT NULL AS used FROM password_token WHERE user_id = $1',
        [userId],
      );
      expect(spent.rows).toEqual([{ used: true }]);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.password_set' AND target_id = $1`,
          [userId],
        ),
      ).toBe(1);

      // The winner's password is the one that signs in, on both instances; a loser's does not.
      for (const app of apps) {
        await login(app, email, passwords[won]).expect(200);
      }
      const loser = (won + 1) % BURST;
      const refused = await login(apps[1], email, passwords[loser]).expect(401);
      expect(refused.body.code).toBe('INVALID_CREDENTIALS');

      // The spent token stays spent.
      const late = await http(apps[0])
        .post('/api/auth/set-password')
        .send({ token, newPassword: 'Another-velvet-curtain-7' })
        .expect(400);
      expect(late.body.code).toBe('TOKEN_INVALID');
      await login(apps[0], email, passwords[won]).expect(200);
    });
  });
  describe('accept-invitation token', () => {
    // Guard: the same conditional spend as set-password (InvitationTokens.spend, `… AND
    // used_at IS NULL` under the token row's lock), here for an existing account invited
    // to a second venue: the first request activates the membership and records the
    // acceptance, every waiter finds the token spent.
    it(`spends one accept-invitation token once under ${BURST} concurrent submissions over two instances`, async () => {
      const email = uniqueEmail();
      const { userId } = await member(email, { password: PASSWORD });
      const { invitation } = await member(email, { tenantId: other });
      expect(invitation?.path).toBe('/accept-invitation');
      const token = invitation?.token as string;

      const answers = await burst(apps, BURST, (app) =>
        http(app).post('/api/auth/accept-invitation').send({ token }),
      );
      expect(tally(answers)).toEqual({
        '204': 1,
        '400 TOKEN_INVALID': BURST - 1,
      });

      const membership = await owner.query(
        'SELECT status FROM membership WHERE tenant_id = $1 AND user_id = $2',
        [other, userId],
      );
      expect(membership.rows).toEqual([{ status: 'active' }]);
      const spent = await owner.query(
        'SELECT used_at IS NOT NULL AS used FROM password_token WHERE tenant_id = $1 AND user_id = $2',
        [other, userId],
      );
      expect(spent.rows).toEqual([{ used: true }]);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM audit_event WHERE action = 'staff.invitation_accepted' AND target_id = $1`,
          [userId],
        ),
      ).toBe(1);
      // The venue is open to the account now, on either instance; its password unchanged.
      for (const app of apps) {
        const signedIn = await login(app, email, PASSWORD, 'bravo').expect(200);
        expect(
          (jwt.decode(signedIn.body.accessToken) as { tid: string }).tid,
        ).toBe(other);
      }
    });
  });
});
