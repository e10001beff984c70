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
  createTestApp,
  createTestDatabase,
  outboxMails,
} from '@foyer/api/testing';
import { Client } from 'pg';
import request from 'supertest';
import { TenantDirectory } from './tenant-directory.service';
import { TenantsModule } from './tenants.module';

const PASSWORD = 'Stage-door-7-lights';
const REAL_NAME = 'Marguerite Realname';

/**
 * Inviting an address that already has an account (issue: identities cannot be squatted
 * or silently attached). Before, tenant B's invitation attached the account at once, with
 * no mail and no consent, and B's staff list showed the name the account holds.
 */
describe('staff invitations (real PostgreSQL and Redis)', () => {
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
      await accounts.addMember({
        email: 'owner@alpha.test',
        displayName: 'A owner',
        role: 'owner',
        password: PASSWORD,
      });
      await accounts.addMember({
        email: 'person@example.test',
        displayName: REAL_NAME,
        role: 'viewer',
        password: PASSWORD,
      });
    });
    await context.run(tenantB, () =>
      accounts.addMember({
        email: 'owner@bravo.test',
        displayName: 'B owner',
        role: 'owner',
        password: PASSWORD,
      }),
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const login = (email: string, tenantSlug?: string, password = PASSWORD) =>
    http()
      .post('/api/auth/login')
      .set('X-Auth-Mode', 'bearer')
      .send({ email, password, ...(tenantSlug ? { tenantSlug } : {}) });
  const ownerOf = async (slug: string) =>
    staffAs(
      app,
      (await login(`owner@${slug}.test`).expect(200)).body.accessToken,
    );

  async function mailsTo(to: string) {
    const client = new Client({ connectionString: db.runtimeUrl });
    await client.connect();
    try {
      return await outboxMails(app, client, to);
    } finally {
      await client.end();
    }
  }
  const linkIn = (text: string, path: string) =>
    new RegExp(`${path}#t=([A-Za-z0-9_-]+)`).exec(text)?.[1];

  async function runtimeInTenant<T>(
    tenantId: string,
    work: (client: Client) => Promise<T>,
  ): Promise<T> {
    const client = new Client({ connectionString: db.runtimeUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [
        tenantId,
      ]);
      return await work(client);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  }

  it('answers an invitation to an existing account exactly as one to a new address, and reveals nothing of the account', async () => {
    const bravo = await ownerOf('bravo');
    const existing = await bravo
      .post('/api/staff/users', {
        email: 'Person@Example.test',
        displayName: 'A guess',
        role: 'host',
      })
      .expect(201);
    const fresh = await bravo
      .post('/api/staff/users', {
        email: 'nobody.yet@example.test',
        displayName: 'A guess',
        role: 'host',
      })
      .expect(201);
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      id: typeof body['id'],
      email: typeof body['email'],
    });
    expect(shape(existing.body)).toEqual(shape(fresh.body));
    expect(existing.body).toEqual({
      id: expect.any(String),
      email: 'person@example.test',
      displayName: 'A guess',
      role: 'host',
      status: 'invited',
    });

    const listed = (await bravo.get('/api/staff/users').expect(200)).body
      .items as { email: string; displayName: string; status: string }[];
    expect(
      listed.find((member) => member.email === 'person@example.test'),
    ).toMatchObject({ displayName: 'A guess', status: 'invited' });
    expect(JSON.stringify(listed)).not.toContain(REAL_NAME);

    // Row-level security: the account is not B's to read before its person accepts.
    const visible = await runtimeInTenant(tenantB, (client) =>
      client.query(`SELECT display_name FROM app_user WHERE email = $1`, [
        'person@example.test',
      ]),
    );
    expect(visible.rows).toEqual([]);

    // The existing account is asked to accept; the new address to set a password.
    const [toPerson] = await mailsTo('person@example.test');
    expect(linkIn(toPerson.text, 'accept-invitation')).toBeDefined();
    expect(linkIn(toPerson.text, 'set-password')).toBeUndefined();
    expect(toPerson.text + toPerson.html).not.toContain(REAL_NAME);
    const [toNew] = await mailsTo('nobody.yet@example.test');
    expect(linkIn(toNew.text, 'set-password')).toBeDefined();
  });

  it('grants nothing before the invitation is accepted: no sign-in, no switch, not among the memberships', async () => {
    await login('person@example.test', 'bravo').expect(401);
    const session = await login('person@example.test').expect(200);
    const person = staffAs(app, session.body.accessToken);
    const me = await person.get('/api/auth/me').expect(200);
    expect(me.body.tenant.slug).toBe('alpha');
    expect(me.body.memberships.map((m: { slug: string }) => m.slug)).toEqual([
      'alpha',
    ]);
    const switched = await person
      .post('/api/auth/switch-tenant', { tenantId: tenantB })
      .expect(403);
    expect(switched.body.code).toBe('FORBIDDEN');
  });

  it('accepts once with the mailed token, and only for its purpose', async () => {
    const [mail] = await mailsTo('person@example.test');
    const token = linkIn(mail.text, 'accept-invitation') as string;

    // A token is spent only by the endpoint it was issued for.
    const crossed = await http()
      .post('/api/auth/set-password')
      .send({ token, newPassword: 'Velvet-curtain-94!' })
      .expect(400);
    expect(crossed.body.code).toBe('TOKEN_INVALID');
    const unknown = await http()
      .post('/api/auth/accept-invitation')
      .send({ token: `${token.slice(0, -2)}xx` })
      .expect(400);
    expect(unknown.body.code).toBe('TOKEN_INVALID');

    // Thirty at once: the row lock of `UPDATE … WHERE used_at IS NULL` lets one through.
    const burst = await Promise.all(
      Array.from({ length: 30 }, () =>
        http().post('/api/auth/accept-invitation').send({ token }),
      ),
    );
    expect(burst.filter((res) => res.status === 204)).toHaveLength(1);
    expect(
      burst
        .filter((res) => res.status !== 204)
        .map((res) => `${res.status} ${res.body.code}`),
    ).toEqual(Array(29).fill('400 TOKEN_INVALID'));

    const inBravo = await login('person@example.test', 'bravo').expect(200);
    const me = await staffAs(app, inBravo.body.accessToken)
      .get('/api/auth/me')
      .expect(200);
    expect(me.body).toMatchObject({ role: 'host', tenant: { slug: 'bravo' } });
    // The person consented: the venue now sees them as they are.
    const listed = (
      await (await ownerOf('bravo')).get('/api/staff/users').expect(200)
    ).body.items as { email: string; displayName: string; status: string }[];
    expect(
      listed.find((member) => member.email === 'person@example.test'),
    ).toMatchObject({ displayName: REAL_NAME, status: 'active' });
  });

  it('refuses a withdrawn invitation: removing the invited member spends nothing back into life', async () => {
    const alpha = await ownerOf('alpha');
    const invited = await alpha
      .post('/api/staff/users', {
        email: 'owner@bravo.test',
        displayName: 'Invited B',
        role: 'manager',
      })
      .expect(201);
    const [mail] = await mailsTo('owner@bravo.test');
    const token = linkIn(mail.text, 'accept-invitation') as string;
    await alpha.delete(`/api/staff/users/${invited.body.id}`).expect(204);
    const res = await http()
      .post('/api/auth/accept-invitation')
      .send({ token })
      .expect(400);
    expect(res.body.code).toBe('TOKEN_INVALID');
    await login('owner@bravo.test', 'alpha').expect(401);
  });

  it('does not count an invited owner as another owner', async () => {
    const alpha = await ownerOf('alpha');
    await alpha
      .post('/api/staff/users', {
        email: 'owner@bravo.test',
        displayName: 'Would-be owner',
        role: 'owner',
      })
      .expect(201);
    const me = await alpha.get('/api/auth/me').expect(200);
    const demoted = await alpha
      .patch(`/api/staff/users/${me.body.user.id}`, { role: 'admin' })
      .expect(409);
    expect(demoted.body.code).toBe('LAST_OWNER');
  });

  it('sends a set-password link when the existing account never set a password, activating only that venue', async () => {
    // nobody.yet@ was invited by B above and never set a password; now A invites it too.
    const alpha = await ownerOf('alpha');
    await alpha
      .post('/api/staff/users', {
        email: 'nobody.yet@example.test',
        displayName: 'Second guess',
        role: 'viewer',
      })
      .expect(201);
    const mails = await mailsTo('nobody.yet@example.test');
    expect(mails).toHaveLength(2);
    const token = linkIn(mails[1].text, 'set-password') as string;
    expect(mails[1].text).toContain('Alpha');
    await http()
      .post('/api/auth/set-password')
      .send({ token, newPassword: 'Velvet-curtain-94!' })
      .expect(204);
    await login(
      'nobody.yet@example.test',
      'alpha',
      'Velvet-curtain-94!',
    ).expect(200);
    // B's invitation is still waiting for its own link.
    await login(
      'nobody.yet@example.test',
      'bravo',
      'Velvet-curtain-94!',
    ).expect(401);
    const statuses = await runtimeInTenant(tenantB, (client) =>
      client.query(`SELECT status FROM membership WHERE invited_email = $1`, [
        'nobody.yet@example.test',
      ]),
    );
    expect(statuses.rows).toEqual([{ status: 'invited' }]);
    expect(tenantA).not.toBe(tenantB);
  });
});
