import { INestApplication } from '@nestjs/common';
import { RealtimeEvent } from '@foyer/contracts';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import { RealtimeIoAdapter } from '@foyer/api/realtime';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Socket, io } from 'socket.io-client';
import request from 'supertest';
import { DinerGuard } from './diner.guard';
import { OrdersModule } from './orders.module';

const key = () => randomBytes(40).toString('base64url');
// Both instances share every secret, as two API processes behind one edge do.
const ENV = {
  JWT_ACCESS_SECRET: `k1:${key()}`,
  JWT_REFRESH_SECRET: `r1:${key()}`,
  TOKEN_HASH_KEY: key(),
  CAPABILITY_KEYS: `c1:${key()}`,
  LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  STAFF_RATE_LIMIT_PER_MINUTE: '100000',
  PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '100000',
  PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '100000',
};

interface Instance {
  app: INestApplication;
  url: string;
}

/** An API instance as main.ts builds it: the socket.io adapter with the Redis adapter, listening. */
async function startInstance(db: TestDatabase): Promise<Instance> {
  const app = await createTestApp(db, {
    imports: [AuditModule, AuthModule, OrdersModule],
    authenticate: [AuthenticationGuard, DinerGuard, CsrfGuard],
    authorize: [PermissionsGuard],
    env: ENV,
    beforeInit: (created) =>
      created.useWebSocketAdapter(new RealtimeIoAdapter(created)),
  });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('live orders across two API instances (real PostgreSQL, Redis, socket.io)', () => {
  let db: TestDatabase;
  let a: Instance;
  let b: Instance;
  let tokens: Record<string, string>;
  let itemId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await startInstance(db);
    b = await startInstance(db);
    let tenants: Record<string, string>;
    ({ tenants, tokens } = await seedStaff(a.app, {
      alpha: ['manager'],
      bravo: ['manager'],
    }));
    itemId = await a.app
      .get(TenantContext)
      .run(tenants['alpha'], async (manager) => {
        const [category] = (await manager.query(
          `INSERT INTO menu_category (tenant_id, name) VALUES ($1, 'Drinks') RETURNING id`,
          [tenants['alpha']],
        )) as { id: string }[];
        const [item] = (await manager.query(
          `INSERT INTO menu_item (tenant_id, category_id, name, price_cents, currency)
           VALUES ($1, $2, 'Lemonade', 450, 'EUR') RETURNING id`,
          [tenants['alpha'], category.id],
        )) as { id: string }[];
        return item.id;
      });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await a?.app.close();
    await b?.app.close();
    await db?.drop();
  });

  function connect(
    base: string,
    namespace: string,
    auth: object,
  ): Promise<Socket> {
    const socket = io(`${base}${namespace}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  /** Every event a socket receives from now on, by name. */
  function inbox(socket: Socket): Record<string, unknown[]> {
    const seen: Record<string, unknown[]> = {};
    socket.onAny((event: string, payload: unknown) => {
      (seen[event] ??= []).push(payload);
    });
    return seen;
  }

  async function tableWithSession(server: Instance, label: string) {
    const table = (
      await staffAs(server.app, tokens['manager@alpha'])
        .post('/api/staff/tables', { label })
        .expect(201)
    ).body as { id: string; code: string };
    const session = (
      await request(server.app.getHttpServer())
        .post(`/api/public/tables/${table.code}/session`)
        .set('Idempotency-Key', randomUUID())
        .send({ deviceId: randomUUID() })
        .expect(201)
    ).body as { sessionCap: string };
    return { ...table, cap: session.sessionCap };
  }

  const settle = (ms = 400) =>
    new Promise((resolve) => setTimeout(resolve, ms));

  it('delivers an order placed on instance A to staff on instance B, status changes back to the table on A, and nothing to other rooms', async () => {
    const t1 = await tableWithSession(a, 'Table 1');
    const t2 = await tableWithSession(b, 'Table 2');
    const staffOnB = inbox(
      await connect(b.url, '/staff', { token: tokens['manager@alpha'] }),
    );
    const otherTenantOnA = inbox(
      await connect(a.url, '/staff', { token: tokens['manager@bravo'] }),
    );
    const dinerT1OnA = inbox(
      await connect(a.url, '/diner', {
        tableCode: t1.code,
        sessionCap: t1.cap,
      }),
    );
    const dinerT2OnB = inbox(
      await connect(b.url, '/diner', {
        tableCode: t2.code,
        sessionCap: t2.cap,
      }),
    );
    await settle(150);

    const onA = (path: string) =>
      request(a.app.getHttpServer())
        .put(path)
        .set('X-Session-Cap', t1.cap)
        .set('Idempotency-Key', randomUUID());
    await onA(`/api/public/tables/${t1.code}/cart/items/${itemId}`)
      .send({ quantity: 2 })
      .expect(200);
    const placed = await request(a.app.getHttpServer())
      .post(`/api/public/tables/${t1.code}/orders`)
      .set('X-Session-Cap', t1.cap)
      .set('Idempotency-Key', randomUUID())
      .send({})
      .expect(201);
    await settle();

    const created = staffOnB[RealtimeEvent.OrderCreated] ?? [];
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      id: placed.body.id,
      status: 'received',
      totalCents: 900,
    });
    expect(
      dinerT1OnA[RealtimeEvent.CartUpdated]?.length,
    ).toBeGreaterThanOrEqual(1);

    await staffAs(b.app, tokens['manager@alpha'])
      .patch(`/api/staff/orders/${placed.body.id}`, { status: 'accepted' })
      .expect(200);
    await settle();

    const tableUpdates = (dinerT1OnA[RealtimeEvent.OrderUpdated] ?? []) as {
      id: string;
      status: string;
    }[];
    expect(tableUpdates.at(-1)).toMatchObject({
      id: placed.body.id,
      status: 'accepted',
    });
    expect(
      ((staffOnB[RealtimeEvent.OrderUpdated] ?? []) as { status: string }[]).at(
        -1,
      ),
    ).toMatchObject({ status: 'accepted' });
    // The other table and the other tenant heard nothing at all.
    expect(dinerT2OnB).toEqual({});
    expect(otherTenantOnA).toEqual({});
  });
});
