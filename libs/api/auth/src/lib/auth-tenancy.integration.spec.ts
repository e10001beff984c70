import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TokenHasher } from '@foyer/api/platform/crypto';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthModule } from './auth.module';
import { MembershipRepository } from './membership.repository';
import { PasswordTokenRepository } from './password-token.repository';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionRepository } from './session.repository';
import { REFRESH_PURPOSE, Sessions } from './sessions.service';
import { SET_PASSWORD_PURPOSE, StaffAccounts } from './staff-accounts.service';
import { UserRepository } from './user.repository';

const PASSWORD = 'Stage-door-7-lights';
const DEVICE = { userAgent: 'walk', ip: '203.0.113.9' };

/**
 * The tenancy walk: on a connection row-level security does not restrict (a superuser),
 * every tenant-scoped repository method, run inside tenant A with tenant B's ids, must
 * neither read nor change anything of B. The definer-function methods (login candidate,
 * memberships of a user, token tenants, revocation everywhere, password reset) are
 * tenant-free by design and scoped by their functions; they are not walked here.
 */
describe('auth repositories scope every statement to their tenant (RLS bypassed)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let context: TenantContext;
  let plain: DataSource;
  let a: string;
  let b: string;
  let ownerA: string;
  let sessionA: string;
  // Tenant B: an active owner with a session and refresh token, an invited member with
  // a set-password token.
  let ownerB: string;
  let invitedB: string;
  let sessionB: string;
  let refreshHashB: Buffer;
  let passwordTokenHashB: Buffer;

  const snapshotOf = async (tenant: string) => ({
    memberships: await plain.query(
      'SELECT * FROM membership WHERE tenant_id = $1 ORDER BY user_id',
      [tenant],
    ),
    users: await plain.query(
      `SELECT u.* FROM app_user u WHERE EXISTS (SELECT 1 FROM membership m
         WHERE m.user_id = u.id AND m.tenant_id = $1) ORDER BY u.id`,
      [tenant],
    ),
    sessions: await plain.query(
      'SELECT * FROM auth_session WHERE tenant_id = $1 ORDER BY id',
      [tenant],
    ),
    refreshTokens: await plain.query(
      'SELECT * FROM refresh_token WHERE tenant_id = $1 ORDER BY token_hash',
      [tenant],
    ),
    passwordTokens: await plain.query(
      'SELECT * FROM password_token WHERE tenant_id = $1 ORDER BY token_hash',
      [tenant],
    ),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule],
      env: {
        DATABASE_URL: db.bypassRlsUrl,
        REDIS_KEY_PREFIX: `test:auth-tenancy:${randomUUID()}:`,
      },
    });
    context = app.get(TenantContext);
    plain = app.get(DataSource);
    const accounts = app.get(StaffAccounts);
    const sessions = app.get(Sessions);
    const hasher = app.get(TokenHasher);
    a = await createTenantRow(app, 'alpha');
    b = await createTenantRow(app, 'bravo');
    await context.run(a, async () => {
      ownerA = (
        await accounts.addMember({
          email: 'owner@alpha.test',
          displayName: 'Owner A',
          role: 'owner',
          password: PASSWORD,
        })
      ).userId;
      sessionA = (await sessions.start(ownerA, 'owner', DEVICE)).sessionId;
    });
    await context.run(b, async () => {
      ownerB = (
        await accounts.addMember({
          email: 'owner@bravo.test',
          displayName: 'Owner B',
          role: 'owner',
          password: PASSWORD,
        })
      ).userId;
      const issued = await sessions.start(ownerB, 'owner', DEVICE);
      sessionB = issued.sessionId;
      refreshHashB = hasher.hash(REFRESH_PURPOSE, issued.refreshToken);
      const invited = await accounts.addMember({
        email: 'invited@bravo.test',
        displayName: 'Invited B',
        role: 'host',
      });
      invitedB = invited.userId;
      passwordTokenHashB = hasher.hash(
        SET_PASSWORD_PURPOSE,
        invited.invitation?.token as string,
      );
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const inA = <T>(work: () => Promise<T>) => context.run(a, work);

  it('UserRepository reads and changes no account of another tenant', async () => {
    const before = await snapshotOf(b);
    const users = app.get(UserRepository);
    const [{ password_hash: hashB }] = await plain.query(
      'SELECT password_hash FROM app_user WHERE id = $1',
      [ownerB],
    );
    await inA(async () => {
      await expect(users.profile(ownerB)).resolves.toBeNull();
      await expect(users.credentials(ownerB)).resolves.toBeNull();
      await expect(users.lockUnchangedPassword(ownerB, hashB)).resolves.toBe(
        false,
      );
      await users.setPassword(ownerB, 'not-a-real-hash');
      await users.replacePasswordHash(ownerB, 'not-a-real-hash');
      // A's own member is there: the walk is not vacuous.
      await expect(users.profile(ownerA)).resolves.toMatchObject({
        id: ownerA,
      });
      await users.create({
        id: randomUUID(),
        email: 'new@alpha.test',
        displayName: 'New',
        passwordHash: null,
      });
    });
    expect(await snapshotOf(b)).toEqual(before);
  });

  it("MembershipRepository reads and changes no other tenant's membership", async () => {
    const before = await snapshotOf(b);
    const memberships = app.get(MembershipRepository);
    await inA(async () => {
      const page = await memberships.page(null, 100);
      expect(page.map((member) => member.id)).toEqual([ownerA]);
      await expect(memberships.find(ownerB)).resolves.toBeNull();
      await expect(memberships.find(invitedB)).resolves.toBeNull();
      await expect(memberships.activeOwnerIds()).resolves.toEqual([ownerA]);
      await memberships.change(ownerB, { role: 'viewer', disabled: true });
      await memberships.remove(ownerB);
      await expect(memberships.activate(invitedB)).resolves.toBe(false);
    });
    expect(await snapshotOf(b)).toEqual(before);
    // An upsert for B's account makes an A membership, never touches B's.
    await inA(() =>
      memberships.upsert({
        userId: ownerB,
        role: 'viewer',
        active: false,
        invitedEmail: 'owner@bravo.test',
        invitedName: 'Owner B',
      }),
    );
    expect(await snapshotOf(b)).toEqual(before);
    await inA(() => memberships.remove(ownerB));
  });

  it("SessionRepository and RefreshTokenRepository read and change no other tenant's session", async () => {
    const before = await snapshotOf(b);
    const sessions = app.get(SessionRepository);
    const refreshTokens = app.get(RefreshTokenRepository);
    await inA(async () => {
      await expect(sessions.state(sessionB, ownerB)).resolves.toBeNull();
      await expect(sessions.state(sessionA, ownerA)).resolves.toMatchObject({
        tenantId: a,
        revoked: false,
      });
      await sessions.touch(sessionB, {
        userAgent: 'other',
        ip: '198.51.100.1',
      });
      await expect(sessions.revoke(sessionB, 'walk')).resolves.toEqual([]);
      await expect(sessions.revokeAllOf(ownerB, 'walk')).resolves.toEqual([]);
      await sessions.insert({
        id: randomUUID(),
        userId: ownerA,
        ttlSeconds: 60,
        device: DEVICE,
      });
      await expect(refreshTokens.lock(refreshHashB)).resolves.toBeNull();
      await refreshTokens.spend(refreshHashB);
      await refreshTokens.insert({
        hash: Buffer.from(randomUUID()),
        sessionId: sessionA,
        ttlSeconds: 60,
      });
    });
    expect(await snapshotOf(b)).toEqual(before);
  });

  it("PasswordTokenRepository reads and spends no other tenant's token", async () => {
    const before = await snapshotOf(b);
    const tokens = app.get(PasswordTokenRepository);
    await inA(async () => {
      await expect(
        tokens.spend(passwordTokenHashB, 'set-password'),
      ).resolves.toBeNull();
      await tokens.insert({
        hash: Buffer.from(randomUUID()),
        userId: ownerA,
        ttlHours: 1,
        purpose: 'accept-invitation',
      });
    });
    expect(await snapshotOf(b)).toEqual(before);
    // B's token is still open for B.
    await expect(
      context.run(b, () => tokens.spend(passwordTokenHashB, 'set-password')),
    ).resolves.toBe(invitedB);
  });
});
