import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AuditModule } from '@foyer/api/audit';
import {
  AuthModule,
  AuthenticationGuard,
  CsrfGuard,
  StaffAccounts,
} from '@foyer/api/auth';
import { STAFF_PASSWORD, seedStaff, staffAs } from '@foyer/api/auth/testing';
import { PlatformModule } from '@foyer/api/platform';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { configureApp, requestPipeline } from '@foyer/api/platform/http';
import { PermissionsGuard } from '@foyer/api/rbac';
import { TenantsModule } from '@foyer/api/tenants';
import {
  TestDatabase,
  applyTestEnvironment,
  createTestDatabase,
  outboxMails,
  testEnvironment,
} from '@foyer/api/testing';
import { Client } from 'pg';
import { Socket, io } from 'socket.io-client';
import request from 'supertest';
import { RealtimeIoAdapter } from './realtime-io.adapter';
import { RealtimeModule } from './realtime.module';

/** An API instance with the auth and staff routes, as main.ts builds it. */
async function startInstance(
  env: Record<string, string>,
  db: TestDatabase,
): Promise<{ app: INestApplication; url: string }> {
  applyTestEnvironment(db, env);
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule,
      AuditModule,
      AuthModule,
      TenantsModule,
      RealtimeModule,
    ],
    providers: requestPipeline({
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
    }),
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureApp(app, app.get<AppConfig>(APP_CONFIG));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/**
 * Ending a session ends its `/staff` sockets on every instance: the socket is connected to
 * instance B, the revocation happens through instance A, and the Redis adapter carries the
 * disconnect across. Another user's socket stays.
 */
describe('revoked sessions close their /staff sockets (two API instances, real Redis)', () => {
  let db: TestDatabase;
  let a: { app: INestApplication; url: string };
  let b: { app: INestApplication; url: string };
  const sockets: Socket[] = [];
  let tenants: Record<string, string>;
  let tokens: Record<string, string>;
  let ipSeq = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = testEnvironment(db, {
      TRUST_PROXY: '1',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      STAFF_RATE_LIMIT_PER_MINUTE: '1000',
      WS_HANDSHAKE_RATE_LIMIT_PER_MINUTE: '1000',
    });
    a = await startInstance(env, db);
    b = await startInstance(env, db);
    ({ tenants, tokens } = await seedStaff(a.app, {
      alpha: ['owner', 'admin', 'host', 'kitchen', 'manager', 'viewer'],
      bravo: ['owner'],
    }));
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await db?.drop();
  });

  async function connect(token: string): Promise<Socket> {
    const socket = io(`${b.url}/staff`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5000,
      auth: { token },
      extraHeaders: { 'X-Forwarded-For': `203.0.113.${++ipSeq}` },
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  /** Resolves true when the server ends the socket within the wait, false otherwise. */
  function disconnected(socket: Socket, waitMs = 2000): Promise<boolean> {
    if (!socket.connected) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason === 'io server disconnect');
      });
    });
  }

  const login = async (email: string, tenantSlug?: string) =>
    (
      await request(a.app.getHttpServer())
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({
          email,
          password: STAFF_PASSWORD,
          ...(tenantSlug ? { tenantSlug } : {}),
        })
        .expect(200)
    ).body.accessToken as string;

  const userId = async (token: string) =>
    (await staffAs(a.app, token).get('/api/auth/me').expect(200)).body.user
      .id as string;

  /** The target's socket closes, a bystander's (another user of the tenant) stays open. */
  async function expectOnlyTargetDropped(
    target: Socket,
    bystander: Socket,
  ): Promise<void> {
    expect(await disconnected(target)).toBe(true);
    expect(await disconnected(bystander, 300)).toBe(false);
    expect(bystander.connected).toBe(true);
  }

  it('logout closes the sockets of that session on the other instance', async () => {
    const token = await login('host@alpha.test');
    const target = await connect(token);
    const bystander = await connect(tokens['admin@alpha']);
    await staffAs(a.app, token).post('/api/auth/logout').expect(204);
    await expectOnlyTargetDropped(target, bystander);
    await expect(connect(token)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('disabling a member closes their sockets', async () => {
    const token = await login('kitchen@alpha.test');
    const target = await connect(token);
    const bystander = await connect(tokens['admin@alpha']);
    await staffAs(a.app, tokens['owner@alpha'])
      .patch(`/api/staff/users/${await userId(token)}`, { disabled: true })
      .expect(200);
    await expectOnlyTargetDropped(target, bystander);
  });

  it('removing a member from the tenant closes their sockets', async () => {
    const token = await login('manager@alpha.test');
    const target = await connect(token);
    const bystander = await connect(tokens['admin@alpha']);
    await staffAs(a.app, tokens['owner@alpha'])
      .delete(`/api/staff/users/${await userId(token)}`)
      .expect(204);
    await expectOnlyTargetDropped(target, bystander);
  });

  it('a role change closes their sockets (they reconnect with the new role)', async () => {
    const token = await login('viewer@alpha.test');
    const target = await connect(token);
    const bystander = await connect(tokens['admin@alpha']);
    await staffAs(a.app, tokens['owner@alpha'])
      .patch(`/api/staff/users/${await userId(token)}`, { role: 'host' })
      .expect(200);
    await expectOnlyTargetDropped(target, bystander);
  });

  it('logout-all in one tenant closes the socket of the session in the other tenant', async () => {
    const { inAlpha, inBravo } = await inBothTenants('both@multi.test');
    const target = await connect(inBravo);
    const bystander = await connect(tokens['owner@bravo']);
    await staffAs(a.app, inAlpha).post('/api/auth/logout-all').expect(204);
    await expectOnlyTargetDropped(target, bystander);
  });

  /** A user in alpha and bravo, signed in to each; returns both access tokens. */
  async function inBothTenants(email: string) {
    const context = a.app.get(TenantContext);
    const accounts = a.app.get(StaffAccounts);
    for (const tenant of [tenants['alpha'], tenants['bravo']]) {
      await context.run(tenant, () =>
        accounts.addMember({
          email,
          displayName: 'Both',
          role: 'host',
          password: STAFF_PASSWORD,
        }),
      );
    }
    return {
      inAlpha: await login(email, 'alpha'),
      inBravo: await login(email, 'bravo'),
    };
  }

  it('ending a session from the session list closes its socket in the other tenant', async () => {
    const { inAlpha, inBravo } = await inBothTenants('listed@multi.test');
    const target = await connect(inBravo);
    const bystander = await connect(tokens['owner@bravo']);
    const listed = await staffAs(a.app, inAlpha)
      .get('/api/auth/sessions')
      .expect(200);
    const other = (
      listed.body.items as { id: string; current: boolean }[]
    ).find((session) => !session.current);
    await staffAs(a.app, inAlpha)
      .delete(`/api/auth/sessions/${other?.id}`)
      .expect(204);
    await expectOnlyTargetDropped(target, bystander);
  });

  it('a password reset closes the sockets of every session, in every tenant', async () => {
    const email = 'reset@multi.test';
    const { inAlpha, inBravo } = await inBothTenants(email);
    const targets = [await connect(inAlpha), await connect(inBravo)];
    const bystander = await connect(tokens['owner@bravo']);
    await request(a.app.getHttpServer())
      .post('/api/auth/forgot-password')
      .send({ email })
      .expect(202);
    const client = new Client({ connectionString: db.runtimeUrl });
    await client.connect();
    const [mail] = await outboxMails(a.app, client, email).finally(() =>
      client.end(),
    );
    const token = /reset-password#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    await request(a.app.getHttpServer())
      .post('/api/auth/reset-password')
      .send({ token, newPassword: 'Velvet-curtain-94!' })
      .expect(204);
    for (const target of targets) {
      expect(await disconnected(target)).toBe(true);
    }
    expect(await disconnected(bystander, 300)).toBe(false);
  });
});
