import { INestApplication } from '@nestjs/common';
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

interface Pair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Revocation of a user who belongs to two tenants: logout-all and a password change in
 * one end the sessions in the other, and `tokensValidAfter` is compared below the second.
 */
describe('revocation across tenants (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        REDIS_KEY_PREFIX: `test:revocation:${randomUUID()}:`,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    await createTenantRow(app, 'alpha', 'Alpha');
    await createTenantRow(app, 'bravo', 'Bravo');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** A fresh user who is a member of both tenants (each test gets its own). */
  async function twoTenantUser(): Promise<string> {
    const email = `both${++seq}@multi.test`;
    const context = app.get(TenantContext);
    const accounts = app.get(StaffAccounts);
    for (const [slug, role] of [
      ['alpha', 'manager'],
      ['bravo', 'viewer'],
    ] as const) {
      const tenant = await tenantId(slug);
      await context.run(tenant, () =>
        accounts.addMember({
          email,
          displayName: 'Both',
          role,
          password: PASSWORD,
        }),
      );
    }
    return email;
  }

  async function tenantId(slug: string): Promise<string> {
    const rows = await admin('SELECT id FROM tenant WHERE slug = $1', [slug]);
    return (rows[0] as { id: string }).id;
  }

  /** As the migration owner (outside RLS), as an operator would look. */
  async function admin(
    sql: string,
    params: unknown[] = [],
  ): Promise<unknown[]> {
    const client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  const login = async (
    email: string,
    tenantSlug: string,
    password = PASSWORD,
  ): Promise<Pair> =>
    (
      await http()
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({ email, password, tenantSlug })
        .expect(200)
    ).body as Pair;

  const me = (pair: Pair) =>
    http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${pair.accessToken}`);
  const refresh = (pair: Pair) =>
    http()
      .post('/api/auth/refresh')
      .set('X-Auth-Mode', 'bearer')
      .send({ refreshToken: pair.refreshToken });
  const iat = (token: string) => (jwt.decode(token) as { iat: number }).iat;

  /** Waits for the start of a wall-clock second, so the next few steps share one. */
  async function startOfSecond(): Promise<void> {
    const ms = Date.now() % 1000;
    if (ms > 50) {
      await new Promise((resolve) => setTimeout(resolve, 1000 - ms + 5));
    }
  }

  it('logout-all signed in to A ends the session in B too: access and refresh refused', async () => {
    const email = await twoTenantUser();
    const inA = await login(email, 'alpha');
    const inB = await login(email, 'bravo');
    await me(inB).expect(200);

    await http()
      .post('/api/auth/logout-all')
      .set('Authorization', `Bearer ${inA.accessToken}`)
      .expect(204);

    await me(inA).expect(401);
    await me(inB).expect(401);
    await refresh(inB).expect(401);
    await refresh(inA).expect(401);
    const open = await admin(
      `SELECT s.id FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE u.email = $1 AND s.revoked_at IS NULL`,
      [email],
    );
    expect(open).toEqual([]);
    // A new sign-in afterwards works at once, in either tenant.
    await me(await login(email, 'bravo')).expect(200);
  });

  it('a password change signed in to A ends the session in B; the new tokens work', async () => {
    const email = await twoTenantUser();
    const inA = await login(email, 'alpha');
    const inB = await login(email, 'bravo');

    const changed = await http()
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${inA.accessToken}`)
      .set('X-Auth-Mode', 'bearer')
      .send({
        currentPassword: PASSWORD,
        newPassword: 'Balcony-seats-for-nine',
      })
      .expect(200);

    await me(inB).expect(401);
    await refresh(inB).expect(401);
    await me(inA).expect(401);
    // Minted in the same transaction as the revocation, after it: accepted at once.
    await me(changed.body as Pair).expect(200);
    await refresh(changed.body as Pair).expect(200);
    await login(email, 'bravo', 'Balcony-seats-for-nine');
  });

  it('refuses a token minted in the same second, just before tokensValidAfter, and accepts one minted just after', async () => {
    const email = await twoTenantUser();
    await startOfSecond();
    const before = await login(email, 'bravo');
    // The revocation timestamp alone (no session swept): the comparison must hold by itself.
    const [row] = (await admin(
      `UPDATE app_user SET tokens_valid_after = clock_timestamp() WHERE email = $1
       RETURNING extract(epoch FROM tokens_valid_after) AS at`,
      [email],
    )) as { at: string }[];
    const after = await login(email, 'bravo');
    const revokedAt = Number(row.at);
    // Meaningful only when all three share one second, as a whole-second `iat` sees them.
    expect(iat(before.accessToken)).toBe(Math.floor(revokedAt));
    expect(iat(after.accessToken)).toBe(Math.floor(revokedAt));

    await me(before).expect(401);
    await refresh(before).expect(401);
    await me(after).expect(200);
    await refresh(after).expect(200);
  });

  it('refuses a token minted just before logout-all in the same second (other tenant), not one just after', async () => {
    const email = await twoTenantUser();
    const inA = await login(email, 'alpha');
    await startOfSecond();
    const inB = await login(email, 'bravo');
    await http()
      .post('/api/auth/logout-all')
      .set('Authorization', `Bearer ${inA.accessToken}`)
      .expect(204);
    const again = await login(email, 'bravo');
    expect(iat(again.accessToken)).toBe(iat(inB.accessToken));
    await me(inB).expect(401);
    await refresh(inB).expect(401);
    await me(again).expect(200);
  });

  it('gives no session to a login whose password check raced a password change', async () => {
    const email = await twoTenantUser();
    // A change in flight: the new hash written, not yet committed, the row locked.
    const change = new Client({ connectionString: db.ownerUrl });
    await change.connect();
    try {
      await change.query('BEGIN');
      await change.query(
        `UPDATE app_user SET password_hash = 'changed', tokens_valid_after = now() WHERE email = $1`,
        [email],
      );
      // The old password still matches the committed hash the login reads first.
      const racing = http()
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({ email, password: PASSWORD, tenantSlug: 'bravo' })
        .then((res) => res);
      let settled = false;
      void racing.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 400));
      // It waits on the row (FOR SHARE) rather than outrunning the change.
      expect(settled).toBe(false);
      await change.query('COMMIT');
      const res = await racing;
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    } finally {
      await change.end();
    }
    const sessions = await admin(
      `SELECT s.id FROM auth_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1`,
      [email],
    );
    expect(sessions).toEqual([]);
  });
});
