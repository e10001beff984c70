import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import { Realtime } from '@foyer/api/realtime';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { signCapability } from './capability';
import { DinerAccess } from './diner-access.service';
import { DinerGuard } from './diner.guard';
import { OrdersModule } from './orders.module';

const key = () => randomBytes(40).toString('base64url');
const KEY_A = key();
const KEY_B = key();
const KEY_C = key();
// Every app of this file shares these, so staff tokens stay valid when a second app starts.
const SHARED = {
  JWT_ACCESS_SECRET: `k1:${key()}`,
  JWT_REFRESH_SECRET: `r1:${key()}`,
  TOKEN_HASH_KEY: key(),
};

async function buildApp(
  db: TestDatabase,
  capabilityKeys: string,
): Promise<INestApplication> {
  return createTestApp(db, {
    imports: [AuditModule, AuthModule, OrdersModule],
    authenticate: [AuthenticationGuard, DinerGuard, CsrfGuard],
    authorize: [PermissionsGuard],
    env: {
      ...SHARED,
      CAPABILITY_KEYS: capabilityKeys,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      LOG_LEVEL: process.env['ORDERS_LOG'] ?? 'silent',
      STAFF_RATE_LIMIT_PER_MINUTE: '100000',
      PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '100000',
      PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
}

describe('tables, diner sessions, shared carts and orders (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  let tokens: Record<string, string>;
  const items: Record<string, string[]> = {};
  let tenants: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await buildApp(db, `c1:${KEY_A}`);
    ({ tenants, tokens } = await seedStaff(
      app,
      { alpha: ['manager', 'kitchen', 'viewer'], bravo: ['manager'] },
      { tenantName: (slug) => `${slug} bistro` },
    ));
    for (const [slug, tenant] of Object.entries(tenants)) {
      await app.get(TenantContext).run(tenant, async (manager) => {
        const [category] = (await manager.query(
          `INSERT INTO menu_category (tenant_id, name) VALUES ($1, 'Food') RETURNING id`,
          [tenant],
        )) as { id: string }[];
        const rows = (await manager.query(
          `INSERT INTO menu_item (tenant_id, category_id, name, price_cents, currency, position)
           SELECT $1, $2, 'Dish ' || lpad(n::text, 2, '0'), 100 * n, 'EUR', n FROM generate_series(1, 22) AS n
           RETURNING id`,
          [tenant, category.id],
        )) as { id: string }[];
        items[slug] = rows.map((r) => r.id);
      });
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const as = (who: string) => staffAs(app, tokens[who]);
  const newTable = async (label: string, who = 'manager@alpha') =>
    (await as(who).post('/api/staff/tables', { label }).expect(201)).body as {
      id: string;
      label: string;
      code: string;
      active: boolean;
    };
  const openSession = async (code: string, server = app) =>
    (
      await request(server.getHttpServer())
        .post(`/api/public/tables/${code}/session`)
        .set('Idempotency-Key', randomUUID())
        .send({ deviceId: randomUUID() })
        .expect(201)
    ).body as { sessionCap: string; expiresAt: string };
  const diner = (code: string, cap: string | undefined, server = app) => {
    const withCap = (r: request.Test) =>
      cap === undefined ? r : r.set('X-Session-Cap', cap);
    const base = `/api/public/tables/${code}`;
    return {
      cart: () => withCap(request(server.getHttpServer()).get(`${base}/cart`)),
      orders: () =>
        withCap(request(server.getHttpServer()).get(`${base}/orders`)),
      set: (itemId: string, body: object, idem = randomUUID()) =>
        withCap(
          request(server.getHttpServer()).put(`${base}/cart/items/${itemId}`),
        )
          .set('Idempotency-Key', idem)
          .send(body),
      place: (body: object = {}, idem = randomUUID()) =>
        withCap(request(server.getHttpServer()).post(`${base}/orders`))
          .set('Idempotency-Key', idem)
          .send(body),
    };
  };
  const orderCount = (tenant: string) =>
    app.get(TenantContext).run(
      tenant,
      async (m) =>
        (
          (await m.query('SELECT count(*)::int AS n FROM dining_order')) as {
            n: number;
          }[]
        )[0].n,
    );

  describe('staff tables', () => {
    it('creates tables with random 256-bit base64url codes, lists, edits and deletes them', async () => {
      const a = await newTable('Table 1');
      const b = await newTable('Table 2');
      expect(a).toEqual({
        id: expect.any(String),
        label: 'Table 1',
        code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        active: true,
        url: `http://localhost:4200/t/${a.code}`,
      });
      expect(a.code).not.toBe(b.code);
      const list = await as('manager@alpha')
        .get('/api/staff/tables?limit=100')
        .expect(200);
      expect(list.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: a.id, code: a.code }),
        ]),
      );
      expect(list.body.nextCursor).toBeNull();
      await as('manager@alpha')
        .patch(`/api/staff/tables/${a.id}`, { label: 'Window' })
        .expect(200, { ...a, label: 'Window' });
      await as('manager@alpha')
        .patch(`/api/staff/tables/${a.id}`, { code: 'mine' })
        .expect(400);
      await as('manager@alpha').delete(`/api/staff/tables/${b.id}`).expect(204);
      await as('manager@alpha').get(`/api/staff/tables/${b.id}`).expect(404);
      await http()
        .post(`/api/public/tables/${b.code}/session`)
        .set('Idempotency-Key', randomUUID())
        .send({ deviceId: randomUUID() })
        .expect(404);
    });

    it('keeps tables to their tenant and to tables:manage', async () => {
      const a = await newTable('Private');
      await as('manager@bravo').get(`/api/staff/tables/${a.id}`).expect(404);
      await as('manager@bravo')
        .patch(`/api/staff/tables/${a.id}`, { label: 'x' })
        .expect(404);
      await as('manager@bravo')
        .post(`/api/staff/tables/${a.id}/rotate-code`)
        .expect(404);
      await as('manager@bravo')
        .post(`/api/staff/tables/${a.id}/close-sitting`)
        .expect(404);
      const bravoList = await as('manager@bravo')
        .get('/api/staff/tables')
        .expect(200);
      expect(
        bravoList.body.items.map((t: { id: string }) => t.id),
      ).not.toContain(a.id);
      await as('kitchen@alpha').get('/api/staff/tables').expect(403);
      await as('kitchen@alpha').get(`/api/staff/tables/${a.id}/qr`).expect(403);
      await as('viewer@alpha')
        .post('/api/staff/tables', { label: 'x' })
        .expect(403);
      await http().get('/api/staff/tables').expect(401);
    });

    it('serves QR codes as SVG and PNG and a printable sheet with escaped labels', async () => {
      const t = await newTable('<script>alert(1)</script>');
      const svg = await as('manager@alpha')
        .get(`/api/staff/tables/${t.id}/qr?format=svg`)
        .expect(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svg.headers['x-content-type-options']).toBe('nosniff');
      expect(svg.headers['cache-control']).toBe('no-store');
      expect(String(svg.body)).toContain('<svg');
      const png = await as('manager@alpha')
        .get(`/api/staff/tables/${t.id}/qr?format=png`)
        .buffer(true)
        .expect(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect((png.body as Buffer).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
      await as('manager@alpha')
        .get(`/api/staff/tables/${t.id}/qr?format=gif`)
        .expect(400);
      const sheet = await as('manager@alpha')
        .get('/api/staff/tables/qr-sheet')
        .expect(200);
      expect(sheet.headers['content-type']).toMatch(/^text\/html/);
      expect(sheet.headers['content-security-policy']).toMatch(
        /^default-src 'none'; style-src 'sha256-/,
      );
      expect(sheet.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(sheet.text).not.toContain('<script>');
    });
  });

  describe('diner sessions and capabilities', () => {
    it('opens a session for a known code only', async () => {
      const t = await newTable('Terrace');
      const res = await http()
        .post(`/api/public/tables/${t.code}/session`)
        .set('Idempotency-Key', randomUUID())
        .send({ deviceId: 'device-123456' })
        .expect(201);
      expect(res.body).toEqual({
        sessionCap: expect.stringMatching(/^fc1\.c1\./),
        expiresAt: expect.any(String),
        table: { label: 'Terrace' },
        venue: { slug: 'alpha', name: 'alpha bistro' },
      });
      const ttl = Date.parse(res.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(9 * 60_000);
      expect(ttl).toBeLessThanOrEqual(10 * 60_000);
      expect(res.body.sessionCap).not.toContain('device-123456');
      for (const code of [
        'A'.repeat(43),
        'short',
        t.code.slice(0, -1) + (t.code.endsWith('A') ? 'B' : 'A'),
      ]) {
        await http()
          .post(`/api/public/tables/${code}/session`)
          .set('Idempotency-Key', randomUUID())
          .send({ deviceId: 'device-123456' })
          .expect(404);
      }
      await http()
        .post(`/api/public/tables/${t.code}/session`)
        .set('Idempotency-Key', randomUUID())
        .send({ deviceId: '<x>' })
        .expect(400);
      await http()
        .post(`/api/public/tables/${t.code}/session`)
        .set('Idempotency-Key', randomUUID())
        .send({ deviceId: 'device-123456', tableId: randomUUID() })
        .expect(400);
      await as('manager@alpha')
        .patch(`/api/staff/tables/${t.id}`, { active: false })
        .expect(200);
      await http()
        .post(`/api/public/tables/${t.code}/session`)
        .set('Idempotency-Key', randomUUID())
        .send({ deviceId: 'device-123456' })
        .expect(404);
      await diner(t.code, res.body.sessionCap).cart().expect(404);
    });

    it('refuses missing, tampered, expired and unknown-kid capabilities with 401, another table’s with 403', async () => {
      const t = await newTable('Caps');
      const other = await newTable('Other');
      const { sessionCap } = await openSession(t.code);
      await diner(t.code, sessionCap).cart().expect(200);
      const refused = async (
        cap: string | undefined,
        status: number,
        code: string,
      ) => {
        for (const res of await Promise.all([
          diner(t.code, cap).cart(),
          diner(t.code, cap).orders(),
          diner(t.code, cap).set(items['alpha'][0], { quantity: 1 }),
          diner(t.code, cap).place(),
        ])) {
          expect([res.status, res.body.code]).toEqual([status, code]);
        }
      };
      await refused(undefined, 401, 'CAPABILITY_INVALID');
      await refused('garbage', 401, 'CAPABILITY_INVALID');
      const [v, kid, payload, sig] = sessionCap.split('.');
      const flipped = sig[5] === 'A' ? 'B' : 'A';
      await refused(
        [v, kid, payload, sig.slice(0, 5) + flipped + sig.slice(6)].join('.'),
        401,
        'CAPABILITY_INVALID',
      );
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(
        JSON.stringify({ ...claims, tbl: other.id }),
      ).toString('base64url');
      await refused([v, kid, forged, sig].join('.'), 401, 'CAPABILITY_INVALID');
      const ring = app.get<AppConfig>(APP_CONFIG).CAPABILITY_KEYS;
      await refused(
        signCapability(
          { ...claims, exp: Math.floor(Date.now() / 1000) - 1 },
          ring,
        ),
        401,
        'CAPABILITY_INVALID',
      );
      await refused(
        signCapability(claims, {
          current: { kid: 'zz', secret: KEY_A },
          keys: new Map([['zz', KEY_A]]),
        }),
        401,
        'CAPABILITY_INVALID',
      );
      const otherCap = (await openSession(other.code)).sessionCap;
      await refused(otherCap, 403, 'CAPABILITY_TABLE_MISMATCH');
      // The code is resolved first: an unknown code is 404 whatever the capability.
      await diner('B'.repeat(43), sessionCap).cart().expect(404);
      expect(await app.get(DinerAccess).authorize(t.code, sessionCap)).toEqual({
        caller: expect.objectContaining({
          tenantId: tenants['alpha'],
          tableId: t.id,
        }),
      });
      expect(
        await app.get(DinerAccess).authorize(t.code, otherCap),
      ).not.toHaveProperty('caller');
    });

    it('keeps a diner of table A out of table B, even at another tenant', async () => {
      const a = await newTable('A');
      const b = await newTable('B');
      const c = await newTable('C', 'manager@bravo');
      const capA = (await openSession(a.code)).sessionCap;
      const capB = (await openSession(b.code)).sessionCap;
      await diner(b.code, capB)
        .set(items['alpha'][1], { quantity: 2 })
        .expect(200);
      for (const target of [b.code, c.code]) {
        const d = diner(target, capA);
        for (const res of [
          await d.cart(),
          await d.orders(),
          await d.set(items['alpha'][0], { quantity: 1 }),
          await d.place(),
        ]) {
          expect([res.status, res.body.code]).toEqual([
            403,
            'CAPABILITY_TABLE_MISMATCH',
          ]);
        }
      }
      expect((await diner(b.code, capB).cart().expect(200)).body.lines).toEqual(
        [
          expect.objectContaining({
            menuItemId: items['alpha'][1],
            quantity: 2,
          }),
        ],
      );
      expect((await diner(a.code, capA).cart().expect(200)).body.lines).toEqual(
        [],
      );
      // Another tenant's menu item does not exist for this table.
      await diner(a.code, capA)
        .set(items['bravo'][0], { quantity: 1 })
        .expect(404);
    });

    it('rotating the code retires it and every capability issued before', async () => {
      const t = await newTable('Rotating');
      const old = (await openSession(t.code)).sessionCap;
      await diner(t.code, old)
        .set(items['alpha'][0], { quantity: 1 })
        .expect(200);
      const rotated = (
        await as('manager@alpha')
          .post(`/api/staff/tables/${t.id}/rotate-code`)
          .expect(200)
      ).body;
      expect(rotated.code).not.toBe(t.code);
      await diner(t.code, old).cart().expect(404);
      expect(
        (await diner(rotated.code, old).cart().expect(401)).body.code,
      ).toBe('CAPABILITY_INVALID');
      const fresh = (await openSession(rotated.code)).sessionCap;
      // The sitting goes on: the cart is still there under the new code.
      expect(
        (await diner(rotated.code, fresh).cart().expect(200)).body.lines,
      ).toHaveLength(1);
    });

    it('closing the sitting ends every capability and clears the cart', async () => {
      const t = await newTable('Closing');
      const cap = (await openSession(t.code)).sessionCap;
      await diner(t.code, cap)
        .set(items['alpha'][0], { quantity: 3 })
        .expect(200);
      await as('viewer@alpha')
        .post(`/api/staff/tables/${t.id}/close-sitting`)
        .expect(403);
      await as('kitchen@alpha')
        .post(`/api/staff/tables/${t.id}/close-sitting`)
        .expect(204);
      expect((await diner(t.code, cap).cart().expect(401)).body.code).toBe(
        'CAPABILITY_INVALID',
      );
      expect((await diner(t.code, cap).place().expect(401)).body.code).toBe(
        'CAPABILITY_INVALID',
      );
      const fresh = (await openSession(t.code)).sessionCap;
      expect((await diner(t.code, fresh).cart().expect(200)).body).toEqual({
        lines: [],
        totalCents: 0,
        currency: 'EUR',
      });
    });
  });

  describe('shared cart', () => {
    it('sets lines from the menu, never from the client, and validates input', async () => {
      const t = await newTable('Cart');
      const d = diner(t.code, (await openSession(t.code)).sessionCap);
      const [one, two] = items['alpha'];
      const res = await d
        .set(one, { quantity: 2, note: '  no onions ' })
        .expect(200);
      expect(res.body).toEqual({
        lines: [
          {
            menuItemId: one,
            name: 'Dish 01',
            quantity: 2,
            unitPriceCents: 100,
            note: 'no onions',
            available: true,
          },
        ],
        totalCents: 200,
        currency: 'EUR',
      });
      await d.set(two, { quantity: 1 }).expect(200);
      expect(
        (await d.set(one, { quantity: 5 }).expect(200)).body.totalCents,
      ).toBe(700);
      for (const bad of [
        { quantity: 1, unitPriceCents: 1 },
        { quantity: 1, priceCents: 1 },
        { quantity: 21 },
        { quantity: -1 },
        { quantity: 1.5 },
        { quantity: '2' },
        { quantity: 1, note: 'x'.repeat(141) },
        {},
      ]) {
        expect((await d.set(one, bad).expect(400)).body.code).toBe(
          'VALIDATION_FAILED',
        );
      }
      await d.set(randomUUID(), { quantity: 1 }).expect(404);
      await d.set('not-a-uuid', { quantity: 1 }).expect(404);
      expect(
        (await d.set(one, { quantity: 0 }).expect(200)).body.lines.map(
          (l: { menuItemId: string }) => l.menuItemId,
        ),
      ).toEqual([two]);
      await app
        .get(TenantContext)
        .run(tenants['alpha'], (m) =>
          m.query('UPDATE menu_item SET available = false WHERE id = $1', [
            items['alpha'][21],
          ]),
        );
      expect(
        (await d.set(items['alpha'][21], { quantity: 1 }).expect(409)).body
          .code,
      ).toBe('ITEM_UNAVAILABLE');
    });

    it('keeps all 20 lines when 20 diners set 20 different items at once', async () => {
      const t = await newTable('Twenty');
      const caps = await Promise.all(
        Array.from({ length: 20 }, () => openSession(t.code)),
      );
      const toTable = jest.spyOn(app.get(Realtime), 'toTable');
      const results = await Promise.all(
        caps.map((c, i) =>
          diner(t.code, c.sessionCap).set(items['alpha'][i], {
            quantity: (i % 20) + 1,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      const cart = (await diner(t.code, caps[0].sessionCap).cart().expect(200))
        .body;
      expect(cart.lines).toHaveLength(20);
      for (let i = 0; i < 20; i += 1) {
        expect(cart.lines).toContainEqual(
          expect.objectContaining({
            menuItemId: items['alpha'][i],
            quantity: i + 1,
          }),
        );
      }
      expect(
        toTable.mock.calls.filter(
          ([id, event]) => id === t.id && event === 'cart.updated',
        ),
      ).toHaveLength(20);
      toTable.mockRestore();
    });

    it('keeps exactly one line with one of the sent quantities when 20 diners set one item at once', async () => {
      const t = await newTable('One item');
      const caps = await Promise.all(
        Array.from({ length: 20 }, () => openSession(t.code)),
      );
      const results = await Promise.all(
        caps.map((c, i) =>
          diner(t.code, c.sessionCap).set(items['alpha'][0], {
            quantity: i + 1,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      const cart = (await diner(t.code, caps[0].sessionCap).cart().expect(200))
        .body;
      expect(cart.lines).toHaveLength(1);
      expect(cart.lines[0].quantity).toBeGreaterThanOrEqual(1);
      expect(cart.lines[0].quantity).toBeLessThanOrEqual(20);
    });
  });

  describe('orders', () => {
    it('places the cart with server prices, clears it, and lists the sitting’s orders', async () => {
      const t = await newTable('Order');
      const d = diner(t.code, (await openSession(t.code)).sessionCap);
      expect((await d.place().expect(409)).body.code).toBe('CART_EMPTY');
      await d
        .set(items['alpha'][2], { quantity: 2, note: 'well done' })
        .expect(200);
      await d.set(items['alpha'][3], { quantity: 1 }).expect(200);
      // The menu price at placement counts, whatever the cart showed before.
      await app
        .get(TenantContext)
        .run(tenants['alpha'], (m) =>
          m.query('UPDATE menu_item SET price_cents = 999 WHERE id = $1', [
            items['alpha'][3],
          ]),
        );
      expect(
        (await d.place({ note: 'x', totalCents: 1 }).expect(400)).body.code,
      ).toBe('VALIDATION_FAILED');
      const toStaff = jest.spyOn(app.get(Realtime), 'toStaff');
      const placed = await d.place({ note: 'birthday' }).expect(201);
      expect(placed.body).toEqual({
        id: expect.any(String),
        status: 'received',
        lines: [
          {
            menuItemId: items['alpha'][2],
            name: 'Dish 03',
            quantity: 2,
            unitPriceCents: 300,
            note: 'well done',
          },
          {
            menuItemId: items['alpha'][3],
            name: 'Dish 04',
            quantity: 1,
            unitPriceCents: 999,
            note: null,
          },
        ],
        note: 'birthday',
        totalCents: 1599,
        currency: 'EUR',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(toStaff).toHaveBeenCalledWith(
        tenants['alpha'],
        'order.created',
        expect.objectContaining({ id: placed.body.id, tableLabel: 'Order' }),
      );
      toStaff.mockRestore();
      expect((await d.cart().expect(200)).body.lines).toEqual([]);
      expect((await d.orders().expect(200)).body.items).toEqual([placed.body]);
      await as('kitchen@alpha')
        .post(`/api/staff/tables/${t.id}/close-sitting`)
        .expect(204);
      const next = diner(t.code, (await openSession(t.code)).sessionCap);
      expect((await next.orders().expect(200)).body.items).toEqual([]);
    });

    it('refuses unavailable items with 409 and keeps the cart', async () => {
      const t = await newTable('Sold out');
      const d = diner(t.code, (await openSession(t.code)).sessionCap);
      await d.set(items['alpha'][4], { quantity: 1 }).expect(200);
      await d.set(items['alpha'][5], { quantity: 1 }).expect(200);
      await app
        .get(TenantContext)
        .run(tenants['alpha'], (m) =>
          m.query('UPDATE menu_item SET available = false WHERE id = $1', [
            items['alpha'][5],
          ]),
        );
      expect((await d.place().expect(409)).body.code).toBe('ITEM_UNAVAILABLE');
      expect((await d.cart().expect(200)).body.lines).toHaveLength(2);
      await d.set(items['alpha'][5], { quantity: 0 }).expect(200);
      await d.place().expect(201);
      await app
        .get(TenantContext)
        .run(tenants['alpha'], (m) =>
          m.query('UPDATE menu_item SET available = true WHERE id = $1', [
            items['alpha'][5],
          ]),
        );
    });

    it('makes one order of 10 concurrent placements with one Idempotency-Key', async () => {
      const t = await newTable('Same key');
      const cap = (await openSession(t.code)).sessionCap;
      await diner(t.code, cap)
        .set(items['alpha'][0], { quantity: 1 })
        .expect(200);
      const before = await orderCount(tenants['alpha']);
      const idem = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => diner(t.code, cap).place({}, idem)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(
        1,
      );
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      expect(
        results
          .filter((r) => r.status === 409)
          .every((r) => r.body.code === 'IDEMPOTENCY_KEY_IN_USE'),
      ).toBe(true);
      expect(
        new Set(results.filter((r) => r.status === 201).map((r) => r.body.id))
          .size,
      ).toBe(1);
      expect(await orderCount(tenants['alpha'])).toBe(before + 1);
      const replay = await diner(t.code, cap).place({}, idem).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    });

    it('gives one 201 and one 409 CART_EMPTY when two keys race on one cart', async () => {
      for (let round = 0; round < 5; round += 1) {
        const t = await newTable(`Race ${round}`);
        const [c1, c2] = await Promise.all([
          openSession(t.code),
          openSession(t.code),
        ]);
        await diner(t.code, c1.sessionCap)
          .set(items['alpha'][0], { quantity: 2 })
          .expect(200);
        const results = await Promise.all([
          diner(t.code, c1.sessionCap).place(),
          diner(t.code, c2.sessionCap).place(),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(results.find((r) => r.status === 409)?.body.code).toBe(
          'CART_EMPTY',
        );
      }
    });

    it('moves orders one step at a time, audits it, and keeps them to their tenant', async () => {
      const t = await newTable('Kitchen');
      const d = diner(t.code, (await openSession(t.code)).sessionCap);
      await d.set(items['alpha'][6], { quantity: 1 }).expect(200);
      const id = (await d.place().expect(201)).body.id as string;
      const kitchen = as('kitchen@alpha');
      const toTable = jest.spyOn(app.get(Realtime), 'toTable');
      expect(
        (
          await kitchen
            .patch(`/api/staff/orders/${id}`, { status: 'accepted' })
            .expect(200)
        ).body,
      ).toMatchObject({ id, status: 'accepted', tableId: t.id });
      expect(toTable).toHaveBeenCalledWith(
        t.id,
        'order.updated',
        expect.objectContaining({ id, status: 'accepted' }),
      );
      toTable.mockRestore();
      for (const bad of ['ready', 'served', 'received', 'accepted']) {
        expect(
          (
            await kitchen
              .patch(`/api/staff/orders/${id}`, { status: bad })
              .expect(409)
          ).body.code,
        ).toBe('INVALID_TRANSITION');
      }
      await kitchen
        .patch(`/api/staff/orders/${id}`, { status: 'done' })
        .expect(400);
      await kitchen
        .patch(`/api/staff/orders/${id}`, {
          status: 'preparing',
          totalCents: 0,
        })
        .expect(400);
      await as('viewer@alpha')
        .patch(`/api/staff/orders/${id}`, { status: 'preparing' })
        .expect(403);
      await as('manager@bravo')
        .patch(`/api/staff/orders/${id}`, { status: 'preparing' })
        .expect(404);
      await as('manager@bravo').get(`/api/staff/orders/${id}`).expect(404);
      for (const next of ['preparing', 'ready', 'served']) {
        await kitchen
          .patch(`/api/staff/orders/${id}`, { status: next })
          .expect(200);
      }
      expect(
        (
          await kitchen
            .patch(`/api/staff/orders/${id}`, { status: 'cancelled' })
            .expect(409)
        ).body.code,
      ).toBe('INVALID_TRANSITION');
      expect((await d.orders().expect(200)).body.items).toEqual([
        expect.objectContaining({ id, status: 'served' }),
      ]);
      const audit = await app
        .get(TenantContext)
        .run(tenants['alpha'], (m) =>
          m.query(
            `SELECT action, metadata FROM audit_event WHERE target_id = $1 ORDER BY seq`,
            [id],
          ),
        );
      expect(
        audit.map((a: { metadata: { to: string } }) => a.metadata.to),
      ).toEqual(['accepted', 'preparing', 'ready', 'served']);
    });

    it('lists orders for staff with status filters and paging', async () => {
      const t = await newTable('Board');
      const d = diner(t.code, (await openSession(t.code)).sessionCap);
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        await d.set(items['alpha'][7], { quantity: 1 }).expect(200);
        ids.push((await d.place().expect(201)).body.id);
      }
      await as('kitchen@alpha')
        .patch(`/api/staff/orders/${ids[0]}`, { status: 'cancelled' })
        .expect(200);
      const viewer = as('viewer@alpha');
      const received = (
        await viewer
          .get('/api/staff/orders?status=received,accepted&limit=100')
          .expect(200)
      ).body;
      expect(received.items.map((o: { id: string }) => o.id)).toEqual(
        expect.arrayContaining([ids[1], ids[2]]),
      );
      expect(received.items.map((o: { id: string }) => o.id)).not.toContain(
        ids[0],
      );
      expect(
        received.items.every((o: { status: string }) =>
          ['received', 'accepted'].includes(o.status),
        ),
      ).toBe(true);
      await viewer.get('/api/staff/orders?status=eaten').expect(400);
      await viewer.get('/api/staff/orders?limit=0').expect(400);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await viewer
            .get(
              `/api/staff/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            )
            .expect(200)
        ).body;
        seen.push(...page.items.map((o) => o.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(ids));
      expect(
        (await as('manager@bravo').get('/api/staff/orders').expect(200)).body
          .items,
      ).toEqual([]);
      await as('manager@alpha').get('/api/staff/orders').expect(200);
    });
  });

  // Last: each extra app registers its own passport strategy (a process-wide registry),
  // so staff calls on the first app do not work after these apps close.
  describe('key rotation', () => {
    it('accepts the previous key while listed and refuses it once retired', async () => {
      const t = await newTable('Keys');
      const oldCap = (await openSession(t.code)).sessionCap;
      const rotatedApp = await buildApp(db, `c2:${KEY_B},c1:${KEY_A}`);
      const retiredApp = await buildApp(db, `c3:${KEY_C},c2:${KEY_B}`);
      try {
        await diner(t.code, oldCap, rotatedApp).cart().expect(200);
        const newCap = (await openSession(t.code, rotatedApp)).sessionCap;
        expect(newCap.startsWith('fc1.c2.')).toBe(true);
        await diner(t.code, newCap, retiredApp).cart().expect(200);
        expect(
          (await diner(t.code, oldCap, retiredApp).cart().expect(401)).body
            .code,
        ).toBe('CAPABILITY_INVALID');
        // An app that does not know c2 yet refuses its capabilities (unknown kid).
        expect((await diner(t.code, newCap).cart().expect(401)).body.code).toBe(
          'CAPABILITY_INVALID',
        );
      } finally {
        await rotatedApp.close();
        await retiredApp.close();
      }
    });
  });
});
