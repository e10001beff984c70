import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import {
  AuthModule,
  AuthenticationGuard,
  CsrfGuard,
  StaffAccounts,
} from '@foyer/api/auth';
import { staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTestApps,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TenantDirectory } from './tenant-directory.service';
import { TenantsModule } from './tenants.module';

const PASSWORD = 'Stage-door-7-lights';

/**
 * A membership change in venue A (disable, role change, removal) seen from the same
 * user's session in venue B, on the other API instance: the B session goes on (B's
 * business), but it can never be traded for A access the change took away, and a role
 * change holds for the next switch. The A session ends at once.
 */
describe('membership revocation seen from the user’s other tenant (two instances)', () => {
  let db: TestDatabase;
  let one: INestApplication;
  let two: INestApplication;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    [one, two] = await createTestApps(db, 2, {
      imports: [AuditModule, AuthModule, TenantsModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        STAFF_RATE_LIMIT_PER_MINUTE: '10000',
      },
    });
    const directory = one.get(TenantDirectory);
    tenantA = (await directory.create({ slug: 'alpha', name: 'Alpha' })).id;
    tenantB = (await directory.create({ slug: 'bravo', name: 'Bravo' })).id;
    await one.get(TenantContext).run(tenantA, () =>
      one.get(StaffAccounts).addMember({
        email: 'owner@alpha.test',
        displayName: 'Owner',
        role: 'owner',
        password: PASSWORD,
      }),
    );
  }, 90_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  const login = async (email: string, tenantSlug: string) =>
    (
      await request(one.getHttpServer())
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({ email, password: PASSWORD, tenantSlug })
        .expect(200)
    ).body.accessToken as string;

  /** A fresh user with a host membership in both venues, signed in to each. */
  async function member() {
    const email = `both-${randomUUID().slice(0, 8)}@multi.test`;
    for (const tenant of [tenantA, tenantB]) {
      await one.get(TenantContext).run(tenant, () =>
        one.get(StaffAccounts).addMember({
          email,
          displayName: 'Both',
          role: 'host',
          password: PASSWORD,
        }),
      );
    }
    const inA = await login(email, 'alpha');
    const inB = await login(email, 'bravo');
    const id = (await staffAs(one, inA).get('/api/auth/me').expect(200)).body
      .user.id as string;
    return { inA, inB, id };
  }

  const ownerOfA = async () =>
    staffAs(one, await login('owner@alpha.test', 'alpha'));
  const memberships = async (token: string) =>
    (
      await staffAs(two, token).get('/api/auth/me').expect(200)
    ).body.memberships.map((m: { slug: string }) => m.slug) as string[];

  it('disabling in A: the A session ends, the B session cannot switch back into A', async () => {
    const user = await member();
    await (
      await ownerOfA()
    )
      .patch(`/api/staff/users/${user.id}`, { disabled: true })
      .expect(200);
    await staffAs(two, user.inA).get('/api/auth/me').expect(401);
    expect(await memberships(user.inB)).toEqual(['bravo']);
    const refused = await staffAs(two, user.inB)
      .post('/api/auth/switch-tenant', { tenantId: tenantA })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    // The B session was not the one switched away: it still works.
    await staffAs(one, user.inB).get('/api/auth/me').expect(200);
  });

  it('removing from A: the same, and the membership is gone for the B session too', async () => {
    const user = await member();
    await (await ownerOfA()).delete(`/api/staff/users/${user.id}`).expect(204);
    await staffAs(two, user.inA).get('/api/auth/me').expect(401);
    expect(await memberships(user.inB)).toEqual(['bravo']);
    await staffAs(two, user.inB)
      .post('/api/auth/switch-tenant', { tenantId: tenantA })
      .expect(403);
  });

  it('a role change in A holds when the B session switches into A', async () => {
    const user = await member();
    await (
      await ownerOfA()
    )
      .patch(`/api/staff/users/${user.id}`, { role: 'viewer' })
      .expect(200);
    await staffAs(two, user.inA).get('/api/auth/me').expect(401);
    const switched = await staffAs(two, user.inB)
      .post('/api/auth/switch-tenant', { tenantId: tenantA })
      .expect(200);
    const me = await staffAs(one, switched.body.accessToken)
      .get('/api/auth/me')
      .expect(200);
    expect(me.body).toMatchObject({ tenant: { id: tenantA }, role: 'viewer' });
    expect(me.body.permissions).not.toContain('checkin:scan');
  });
});
