import { INestApplication } from '@nestjs/common';
import { Role } from '@foyer/contracts';
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
  createTestApp,
  createTestDatabase,
  outboxMails,
} from '@foyer/api/testing';
import { Client } from 'pg';
import request from 'supertest';
import { TenantDirectory } from './tenant-directory.service';
import { TenantsModule } from './tenants.module';

const PASSWORD = 'Stage-door-7-lights';

describe('staff accounts, tenant settings, switching and passwords (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let tenantA: string;
  let tenantB: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, TenantsModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    const directory = app.get(TenantDirectory);
    const context = app.get(TenantContext);
    const accounts = app.get(StaffAccounts);
    tenantA = (await directory.create({ slug: 'alpha', name: 'Alpha' })).id;
    tenantB = (await directory.create({ slug: 'bravo', name: 'Bravo' })).id;
    await context.run(tenantA, async () => {
      for (const role of ['owner', 'admin', 'viewer'] as Role[]) {
        await accounts.addMember({
          email: `${role}@alpha.test`,
          displayName: role,
          role,
          password: PASSWORD,
        });
      }
      await accounts.addMember({
        email: 'both@multi.test',
        displayName: 'Both',
        role: 'manager',
        password: PASSWORD,
      });
    });
    await context.run(tenantB, async () => {
      await accounts.addMember({
        email: 'owner@bravo.test',
        displayName: 'B',
        role: 'owner',
        password: PASSWORD,
      });
      await accounts.addMember({
        email: 'both@multi.test',
        displayName: 'Both',
        role: 'viewer',
        password: PASSWORD,
      });
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const token = async (
    email: string,
    password = PASSWORD,
    tenantSlug?: string,
  ) =>
    (
      await http()
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({ email, password, ...(tenantSlug ? { tenantSlug } : {}) })
        .expect(200)
    ).body.accessToken as string;
  const as = (bearer: string) => staffAs(app, bearer);

  async function outboxLinks(): Promise<string[]> {
    const client = new Client({ connectionString: db.runtimeUrl });
    await client.connect();
    try {
      return (await outboxMails(app, client)).map((mail) => mail.text);
    } finally {
      await client.end();
    }
  }

  it('invites a new member by email with a one-time set-password link that never appears in a response', async () => {
    const owner = as(await token('owner@alpha.test'));
    const res = await owner
      .post('/api/staff/users', {
        email: 'New.Host@Alpha.test',
        displayName: 'New Host',
        role: 'host',
      })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: 'new.host@alpha.test',
      displayName: 'New Host',
      role: 'host',
      status: 'invited',
    });
    const link = (await outboxLinks())
      .map((text) => /set-password#t=([A-Za-z0-9_-]+)/.exec(text)?.[1])
      .find(Boolean) as string;
    expect(link).toBeDefined();
    expect(JSON.stringify(res.body)).not.toContain(link);

    const weak = await http()
      .post('/api/auth/set-password')
      .send({ token: link, newPassword: 'password1234' })
      .expect(400);
    expect(weak.body.code).toBe('VALIDATION_FAILED');
    await http()
      .post('/api/auth/set-password')
      .send({ token: link, newPassword: 'Velvet-curtain-94!' })
      .expect(204);
    const spent = await http()
      .post('/api/auth/set-password')
      .send({ token: link, newPassword: 'Velvet-curtain-94!' })
      .expect(400);
    expect(spent.body.code).toBe('TOKEN_INVALID');
    await token('new.host@alpha.test', 'Velvet-curtain-94!');
    await owner
      .post('/api/staff/users', {
        email: 'new.host@alpha.test',
        displayName: 'Again',
        role: 'host',
      })
      .expect(409);
  });

  it('pages the members of this tenant only', async () => {
    const owner = as(await token('owner@alpha.test'));
    const first = await owner.get('/api/staff/users?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await owner
      .get(`/api/staff/users?limit=100&cursor=${first.body.nextCursor}`)
      .expect(200);
    const emails = [...first.body.items, ...second.body.items].map(
      (m: { email: string }) => m.email,
    );
    expect(emails).toContain('owner@alpha.test');
    expect(emails).not.toContain('owner@bravo.test');
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('lets only an owner touch owners, and never removes the last owner', async () => {
    const admin = as(await token('admin@alpha.test'));
    const owner = as(await token('owner@alpha.test'));
    const users = (await owner.get('/api/staff/users?limit=100').expect(200))
      .body.items as { id: string; email: string }[];
    const id = (email: string) =>
      users.find((u) => u.email === email)?.id as string;

    expect(
      (
        await admin
          .post('/api/staff/users', {
            email: 'x@alpha.test',
            displayName: 'X',
            role: 'owner',
          })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await admin
          .patch(`/api/staff/users/${id('owner@alpha.test')}`, {
            role: 'viewer',
          })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await admin
          .delete(`/api/staff/users/${id('owner@alpha.test')}`)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await owner
          .patch(`/api/staff/users/${id('owner@alpha.test')}`, {
            role: 'admin',
          })
          .expect(409)
      ).body.code,
    ).toBe('LAST_OWNER');
    expect(
      (
        await owner
          .patch(`/api/staff/users/${id('owner@alpha.test')}`, {
            disabled: true,
          })
          .expect(409)
      ).body.code,
    ).toBe('LAST_OWNER');
    expect(
      (
        await owner
          .delete(`/api/staff/users/${id('owner@alpha.test')}`)
          .expect(409)
      ).body.code,
    ).toBe('LAST_OWNER');
    const viewer = as(await token('viewer@alpha.test'));
    await viewer
      .post('/api/staff/users', {
        email: 'y@alpha.test',
        displayName: 'Y',
        role: 'host',
      })
      .expect(403);
  });

  it('revokes a member’s sessions when they are disabled or their role changes', async () => {
    const owner = as(await token('owner@alpha.test'));
    const adminToken = await token('admin@alpha.test');
    const users = (await owner.get('/api/staff/users?limit=100').expect(200))
      .body.items as { id: string; email: string }[];
    const adminId = users.find((u) => u.email === 'admin@alpha.test')
      ?.id as string;
    await as(adminToken).get('/api/staff/users').expect(200);
    const disabled = await owner
      .patch(`/api/staff/users/${adminId}`, { disabled: true })
      .expect(200);
    expect(disabled.body).toMatchObject({ id: adminId, disabled: true });
    await as(adminToken).get('/api/staff/users').expect(401);
    await http()
      .post('/api/auth/login')
      .send({ email: 'admin@alpha.test', password: PASSWORD })
      .expect(401);
    await owner
      .patch(`/api/staff/users/${adminId}`, { disabled: false })
      .expect(200);
    await token('admin@alpha.test');
  });

  it("answers 404 for another tenant's member ids", async () => {
    const ownerA = as(await token('owner@alpha.test'));
    const ownerB = as(await token('owner@bravo.test'));
    const usersA = (await ownerA.get('/api/staff/users?limit=100').expect(200))
      .body.items as { id: string; email: string }[];
    const viewerA = usersA.find((u) => u.email === 'viewer@alpha.test')
      ?.id as string;
    expect(
      (
        await ownerB
          .patch(`/api/staff/users/${viewerA}`, { role: 'admin' })
          .expect(404)
      ).body.code,
    ).toBe('NOT_FOUND');
    await ownerB.delete(`/api/staff/users/${viewerA}`).expect(404);
    await ownerB
      .patch('/api/staff/users/not-a-uuid', { role: 'admin' })
      .expect(404);
  });

  it('shows the tenant to every member and lets only tenant:manage change it', async () => {
    const viewer = as(await token('viewer@alpha.test'));
    expect(
      (await viewer.get('/api/staff/tenant').expect(200)).body,
    ).toMatchObject({ id: tenantA, slug: 'alpha' });
    const admin = as(await token('admin@alpha.test'));
    await admin.patch('/api/staff/tenant', { name: 'Hijacked' }).expect(403);
    const owner = as(await token('owner@alpha.test'));
    const updated = await owner
      .patch('/api/staff/tenant', { name: 'Alpha Hall', retentionDays: 30 })
      .expect(200);
    expect(updated.body).toMatchObject({
      name: 'Alpha Hall',
      retentionDays: 30,
    });
    await owner.patch('/api/staff/tenant', { slug: 'stolen' }).expect(400);
    await owner.patch('/api/staff/tenant', { retentionDays: 0 }).expect(400);
  });

  it('switches to another tenant the user belongs to, and only to those', async () => {
    const both = as(await token('both@multi.test', PASSWORD, 'alpha'));
    const switched = await both
      .post('/api/auth/switch-tenant', { tenantId: tenantB })
      .expect(200);
    const inB = as(switched.body.accessToken);
    expect((await inB.get('/api/auth/me').expect(200)).body).toMatchObject({
      tenant: { id: tenantB },
      role: 'viewer',
    });
    await both.get('/api/auth/me').expect(401);
    const owner = as(await token('owner@alpha.test'));
    expect(
      (
        await owner
          .post('/api/auth/switch-tenant', { tenantId: tenantB })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN');
  });

  it('changes a password: the old credentials and every other session stop working', async () => {
    const first = await token('viewer@alpha.test');
    const other = await token('viewer@alpha.test');
    const wrong = await as(first)
      .post('/api/auth/password', {
        currentPassword: 'not-it-at-all',
        newPassword: 'Velvet-curtain-94!',
      })
      .expect(400);
    expect(wrong.body.code).toBe('VALIDATION_FAILED');
    const weak = await as(first)
      .post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'aaaaaaaaaaaa',
      })
      .expect(400);
    expect(weak.body.errors[0].field).toBe('newPassword');
    const changed = await as(first)
      .post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'Velvet-curtain-94!',
      })
      .expect(200);
    expect(changed.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    await as(first).get('/api/auth/me').expect(401);
    await as(other).get('/api/auth/me').expect(401);
    await as(changed.body.accessToken).get('/api/auth/me').expect(200);
    await http()
      .post('/api/auth/login')
      .send({ email: 'viewer@alpha.test', password: PASSWORD })
      .expect(401);
    await token('viewer@alpha.test', 'Velvet-curtain-94!');
  });

  it('audits staff changes without personal data', async () => {
    const owner = as(await token('owner@alpha.test'));
    await owner
      .get('/api/staff/audit/verify')
      .expect(200)
      .expect((res) => expect(res.body.ok).toBe(true));
    const client = new Client({ connectionString: db.runtimeUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [
        tenantA,
      ]);
      const rows = await client.query(
        `SELECT action, metadata FROM audit_event ORDER BY seq`,
      );
      const actions = rows.rows.map((r: { action: string }) => r.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'staff.added',
          'staff.disabled',
          'staff.enabled',
          'tenant.updated',
          'auth.password_set',
          'auth.password_changed',
        ]),
      );
      expect(JSON.stringify(rows.rows)).not.toMatch(/@|Velvet|Stage-door/);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
