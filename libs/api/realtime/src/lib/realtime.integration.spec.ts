import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { RealtimeEvent } from '@foyer/contracts';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff } from '@foyer/api/auth/testing';
import { PlatformModule } from '@foyer/api/platform';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { configureApp, requestPipeline } from '@foyer/api/platform/http';
import {
  TestDatabase,
  applyTestEnvironment,
  createTestDatabase,
  testEnvironment,
} from '@foyer/api/testing';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { Socket, io } from 'socket.io-client';
import { REALTIME_LIMITS, RealtimeLimits } from './handshake-policy.service';
import { Realtime } from './realtime.service';
import { RealtimeIoAdapter } from './realtime-io.adapter';
import { RealtimeModule } from './realtime.module';

const ALLOWED = 'http://localhost:4200';
const LIMITS: RealtimeLimits = { connectionsPerIp: 3, connectionsPerUser: 2 };

/** An API instance as main.ts builds it (RealtimeIoAdapter before init), listening on a free port. */
async function startInstance(
  env: Record<string, string>,
  db: TestDatabase,
): Promise<{ app: INestApplication; url: string }> {
  applyTestEnvironment(db, env);
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule, AuthModule, RealtimeModule],
    providers: requestPipeline({
      authenticate: [AuthenticationGuard, CsrfGuard],
    }),
  })
    .overrideProvider(REALTIME_LIMITS)
    .useValue(LIMITS)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureApp(app, app.get<AppConfig>(APP_CONFIG));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

interface Attempt {
  socket: Socket;
  ok: boolean;
  error?: string;
}

describe('realtime over socket.io (real Redis, two API instances)', () => {
  let db: TestDatabase;
  let a: { app: INestApplication; url: string };
  let b: { app: INestApplication; url: string };
  const sockets: Socket[] = [];
  let tenants: Record<string, string>;
  let tokens: Record<string, string>;
  let ipSeq = 0;
  /** Every test speaks from its own client IP (TRUST_PROXY=1), so caps and limits do not leak between tests. */
  const freshIp = () => `198.51.100.${++ipSeq}`;

  function connect(
    base: string,
    namespace: string,
    options: {
      auth?: object;
      headers?: Record<string, string>;
      ip?: string;
    } = {},
  ): Promise<Attempt> {
    const socket = io(`${base}${namespace}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5000,
      auth: options.auth ?? {},
      extraHeaders: {
        'X-Forwarded-For': options.ip ?? freshIp(),
        ...(options.headers ?? {}),
      },
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ socket, ok: true }));
      socket.once('connect_error', (error) =>
        resolve({ socket, ok: false, error: error.message }),
      );
    });
  }

  /** Resolves with what arrived within the wait. */
  function received(
    socket: Socket,
    event: string,
    waitMs = 500,
  ): Promise<unknown[]> {
    const seen: unknown[] = [];
    socket.on(event, (payload: unknown) => seen.push(payload));
    return new Promise((resolve) => setTimeout(() => resolve(seen), waitMs));
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = testEnvironment(db, {
      TRUST_PROXY: '1',
      WS_HANDSHAKE_RATE_LIMIT_PER_MINUTE: '10',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100',
    });
    a = await startInstance(env, db);
    b = await startInstance(env, db);
    ({ tenants, tokens } = await seedStaff(a.app, {
      alpha: ['host'],
      bravo: ['host'],
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

  it('admits a staff socket by auth.token or the access cookie, from an allowed Origin or none', async () => {
    const ways: { auth?: object; headers?: Record<string, string> }[] = [
      { auth: { token: tokens['host@alpha'] } },
      { auth: { token: tokens['host@alpha'] }, headers: { Origin: ALLOWED } },
      { headers: { Cookie: `foyer_at=${tokens['host@alpha']}` } },
    ];
    for (const options of ways) {
      const attempt = await connect(a.url, '/staff', options);
      expect(attempt.ok).toBe(true);
      attempt.socket.disconnect();
    }
  });

  it('refuses a hostile Origin before any credential is read, and "null"', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost:4200.evil.example',
    ]) {
      const attempt = await connect(a.url, '/staff', {
        auth: { token: tokens['host@alpha'] },
        headers: { Origin: origin },
      });
      expect(attempt.ok).toBe(false);
    }
  });

  it('refuses a staff socket without a token, with a forged, tampered or refresh-shaped one', async () => {
    const claims = jwt.decode(tokens['host@alpha']) as Record<string, unknown>;
    const forged = jwt.sign(
      { ...claims, tid: tenants['bravo'] },
      'not-the-secret-not-the-secret-not-the-secret',
      {
        algorithm: 'HS256',
        keyid: 'k1',
      },
    );
    const [h, p, s] = tokens['host@alpha'].split('.');
    const tampered = [
      h,
      Buffer.from(
        JSON.stringify({ ...claims, tid: tenants['bravo'] }),
      ).toString('base64url'),
      s,
    ].join('.');
    const none = [
      Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url'),
      p,
      '',
    ].join('.');
    for (const auth of [
      {},
      { token: '' },
      { token: forged },
      { token: tampered },
      { token: none },
      { token: 42 },
    ]) {
      const attempt = await connect(a.url, '/staff', { auth });
      expect([attempt.ok, attempt.error]).toEqual([false, 'UNAUTHENTICATED']);
    }
  });

  it('delivers a tenant’s events to its staff only, across instances', async () => {
    const alphaOnA = (
      await connect(a.url, '/staff', { auth: { token: tokens['host@alpha'] } })
    ).socket;
    const alphaOnB = (
      await connect(b.url, '/staff', { auth: { token: tokens['host@alpha'] } })
    ).socket;
    const bravoOnB = (
      await connect(b.url, '/staff', { auth: { token: tokens['host@bravo'] } })
    ).socket;
    await settle();
    const inbox = [alphaOnA, alphaOnB, bravoOnB].map((s) =>
      received(s, RealtimeEvent.CheckInUpdated),
    );
    a.app
      .get(Realtime)
      .toStaff(tenants['alpha'], RealtimeEvent.CheckInUpdated, { n: 1 });
    const [onA, onB, bravo] = await Promise.all(inbox);
    expect(onA).toEqual([{ n: 1 }]);
    expect(onB).toEqual([{ n: 1 }]);
    expect(bravo).toEqual([]);
  });

  it('refuses diners until an authenticator is registered, then joins each to its own table only', async () => {
    const noAuthenticator = await connect(a.url, '/diner', {
      auth: { tableCode: 'T1', sessionCap: 'cap-1' },
    });
    expect(noAuthenticator.ok).toBe(false);
    const tables: Record<string, string> = {
      'T1:cap-1': randomUUID(),
      'T2:cap-2': randomUUID(),
      'T3:cap-short': randomUUID(),
    };
    for (const instance of [a, b]) {
      instance.app.get(Realtime).useDinerAuthenticator(async (code, cap) =>
        tables[`${code}:${cap}`]
          ? {
              tenantId: tenants['alpha'],
              tableId: tables[`${code}:${cap}`],
              expiresAt: Date.now() + (cap === 'cap-short' ? 300 : 60_000),
            }
          : null,
      );
    }
    // A socket lives no longer than its capability.
    const short = (
      await connect(a.url, '/diner', {
        auth: { tableCode: 'T3', sessionCap: 'cap-short' },
      })
    ).socket;
    expect(short.connected).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(short.connected).toBe(false);
    for (const auth of [
      { tableCode: 'T1', sessionCap: 'cap-2' },
      { tableCode: 'T1' },
      { tableCode: ['T1'], sessionCap: 'cap-1' },
    ]) {
      expect((await connect(a.url, '/diner', { auth })).ok).toBe(false);
    }
    const one = (
      await connect(a.url, '/diner', {
        auth: { tableCode: 'T1', sessionCap: 'cap-1' },
      })
    ).socket;
    const two = (
      await connect(b.url, '/diner', {
        auth: { tableCode: 'T2', sessionCap: 'cap-2' },
      })
    ).socket;
    const staff = (
      await connect(a.url, '/staff', { auth: { token: tokens['host@alpha'] } })
    ).socket;
    await settle();
    const inbox = [one, two, staff].map((s) =>
      received(s, RealtimeEvent.OrderUpdated),
    );
    b.app
      .get(Realtime)
      .toTable(tables['T1:cap-1'], RealtimeEvent.OrderUpdated, { id: 'o1' });
    const [gotOne, gotTwo, gotStaff] = await Promise.all(inbox);
    expect(gotOne).toEqual([{ id: 'o1' }]);
    expect(gotTwo).toEqual([]);
    expect(gotStaff).toEqual([]);

    // A rotated code or closed sitting, on any instance, ends that table's sockets only.
    b.app.get(Realtime).disconnectTable(tables['T1:cap-1']);
    await settle();
    expect(one.connected).toBe(false);
    expect(two.connected).toBe(true);
    expect(staff.connected).toBe(true);
  });

  it('caps concurrent connections per IP and per staff user', async () => {
    const ip = freshIp();
    const results = [];
    for (let i = 0; i < LIMITS.connectionsPerIp + 1; i += 1) {
      // Alternate users so the per-user cap (2) is not what refuses.
      const token = tokens[i % 2 ? 'host@bravo' : 'host@alpha'];
      const attempt = await connect(a.url, '/staff', { auth: { token }, ip });
      await settle();
      results.push(attempt.socket.connected);
    }
    expect(results).toEqual([true, true, true, false]);
    for (const socket of sockets.splice(0)) socket.disconnect();
    await settle();
    const user = [];
    for (let i = 0; i < LIMITS.connectionsPerUser + 1; i += 1) {
      const attempt = await connect(a.url, '/staff', {
        auth: { token: tokens['host@alpha'] },
      });
      await settle();
      user.push(attempt.socket.connected);
    }
    expect(user).toEqual([true, true, false]);
  });

  it('rate limits handshakes per client IP across instances; X-Forwarded-For cannot pick the IP beyond the trusted hop', async () => {
    const ip = freshIp();
    const outcomes: boolean[] = [];
    for (let i = 0; i < 12; i += 1) {
      // A client-chosen left-most entry does not change the IP the trusted proxy saw.
      const spoof = `203.0.113.${i}, ${ip}`;
      const attempt = await connect(i % 2 ? a.url : b.url, '/staff', {
        auth: { token: tokens['host@alpha'] },
        ip: spoof,
      });
      outcomes.push(attempt.ok);
      attempt.socket.disconnect();
    }
    expect(outcomes).toEqual([...Array(10).fill(true), false, false]);
    // Another IP is unaffected.
    expect(
      (
        await connect(a.url, '/staff', {
          auth: { token: tokens['host@alpha'] },
        })
      ).ok,
    ).toBe(true);
  });
});
