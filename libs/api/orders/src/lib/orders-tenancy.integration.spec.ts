import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule } from '@foyer/api/auth';
import { randomToken } from '@foyer/api/platform/crypto';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { DiningOrder } from './dining-order.mapper';
import { DiningOrderRepository } from './dining-order.repository';
import { DiningTable } from './dining-table.mapper';
import { DiningTableRepository } from './dining-table.repository';
import { OrderLineRepository } from './order-line.repository';
import { OrdersModule } from './orders.module';

/**
 * The application's own tenant scoping, without row-level security: this app connects as
 * a superuser (`bypassRlsUrl`), so only each statement's `tenant_id = $1` keeps tenant B's
 * rows out of tenant A's work. Every public repository method runs in A with B's ids;
 * nothing of B may be read, and B's rows must be exactly as they were afterwards.
 */
describe('orders repositories name the tenant in every statement (RLS bypassed)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let a: string;
  let b: string;
  const mine: { tables: DiningTable[]; orders: DiningOrder[] } = {
    tables: [],
    orders: [],
  };
  const theirs: { tables: DiningTable[]; orders: DiningOrder[] } = {
    tables: [],
    orders: [],
  };

  const inTenant = <T>(tenant: string, work: () => Promise<T>) =>
    app.get(TenantContext).run(tenant, work);
  const tables = () => app.get(DiningTableRepository);
  const orders = () => app.get(DiningOrderRepository);
  const lines = () => app.get(OrderLineRepository);
  /** All of B's rows of the three tables, read around the application. */
  const snapshotOf = (tenant: string) =>
    app.get(TenantContext).run(tenant, async (m) => ({
      tables: await m.query(
        'SELECT * FROM dining_table WHERE tenant_id = $1 ORDER BY id',
        [tenant],
      ),
      orders: await m.query(
        'SELECT * FROM dining_order WHERE tenant_id = $1 ORDER BY id',
        [tenant],
      ),
      lines: await m.query(
        'SELECT * FROM order_line WHERE tenant_id = $1 ORDER BY id',
        [tenant],
      ),
    }));
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

  async function seed(tenant: string, into: typeof mine): Promise<void> {
    await inTenant(tenant, async () => {
      for (const label of ['Table 1', 'Bar 1']) {
        into.tables.push(
          await tables().insert({
            label,
            active: true,
            code: randomToken(),
            sittingId: randomUUID(),
          }),
        );
      }
      for (const table of into.tables) {
        const order = await orders().insert({
          tableId: table.id,
          tableLabel: table.label,
          sittingId: table.sittingId,
          note: null,
          totalCents: 500,
          currency: 'EUR',
        });
        await lines().insertAll(order.id, [
          {
            menuItemId: randomUUID(),
            name: 'Soup',
            quantity: 1,
            unitPriceCents: 500,
            note: null,
          },
        ]);
        into.orders.push(order);
      }
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, OrdersModule],
      env: { DATABASE_URL: db.bypassRlsUrl },
    });
    a = await createTenantRow(app, 'alpha');
    b = await createTenantRow(app, 'bravo');
    await seed(a, mine);
    await seed(b, theirs);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('really runs without row-level security', async () => {
    const seen = await inTenant(a, () =>
      app
        .get(TenantContext)
        .manager.query('SELECT count(*)::int AS n FROM dining_table'),
    );
    expect(seen).toEqual([{ n: 4 }]);
  });

  describe('DiningTableRepository', () => {
    const them = () => theirs.tables[0];

    it('reads none of B', async () => {
      await inTenant(a, async () => {
        expect(await tables().find(them().id)).toBeNull();
        expect(await tables().lock(them().id)).toBeNull();
        expect(await tables().lockForOrder(them().id)).toBeNull();
        expect(ids(await tables().page(null, 100))).toEqual(ids(mine.tables));
        expect(
          ids(await tables().page('00000000-0000-0000-0000-000000000000', 100)),
        ).toEqual(ids(mine.tables));
        expect(ids(await tables().active())).toEqual(ids(mine.tables));
        expect(ids(await tables().active(500))).toEqual(ids(mine.tables));
        expect(await tables().count()).toBe(mine.tables.length);
      });
    });

    it('changes none of B', async () => {
      const before = await snapshotOf(b);
      await inTenant(a, async () => {
        expect(
          await tables().update(them().id, { label: 'Taken', active: false }),
        ).toBeNull();
        expect(await tables().delete(them().id)).toBe(0);
      });
      const inserted = await inTenant(a, () =>
        tables().insert({
          label: 'New',
          active: true,
          code: randomToken(),
          sittingId: randomUUID(),
        }),
      );
      expect(
        (await snapshotOf(a)).tables.map((t: { id: string }) => t.id),
      ).toContain(inserted.id);
      await inTenant(a, () => tables().delete(inserted.id));
      expect(await snapshotOf(b)).toEqual(before);
    });

    it("resolves a code to its own tenant only (the code is the tenant's door, by design)", async () => {
      const resolved = await inTenant(a, () => tables().byCode(them().code));
      expect(resolved).toEqual({
        tenantId: b,
        tableId: them().id,
        label: them().label,
        codeVersion: 1,
        sittingId: them().sittingId,
      });
    });
  });

  describe('DiningOrderRepository', () => {
    const them = () => theirs.orders[0];

    it('reads none of B', async () => {
      await inTenant(a, async () => {
        expect(await orders().find(them().id)).toBeNull();
        expect(await orders().lock(them().id)).toBeNull();
        expect(
          await orders().ofSitting(
            theirs.tables[0].id,
            theirs.tables[0].sittingId,
          ),
        ).toEqual([]);
        const page = await orders().page({ limit: 100 });
        expect(ids(page.map((p) => p.order))).toEqual(ids(mine.orders));
        const received = await orders().page({
          statuses: ['received'],
          limit: 100,
        });
        expect(ids(received.map((p) => p.order))).toEqual(ids(mine.orders));
        const after = await orders().page({
          after: { at: '2000-01-01T00:00:00.000000Z', id: them().id },
          limit: 100,
        });
        expect(ids(after.map((p) => p.order))).toEqual(ids(mine.orders));
      });
    });

    it('changes none of B', async () => {
      const before = await snapshotOf(b);
      await inTenant(a, async () => {
        expect(await orders().setStatus(them().id, 'cancelled')).toBeNull();
      });
      // An order of A cannot point at B's table: (tenant_id, table_id) must be A's.
      await expect(
        inTenant(a, () =>
          orders().insert({
            tableId: theirs.tables[0].id,
            tableLabel: 'Stolen',
            sittingId: theirs.tables[0].sittingId,
            note: null,
            totalCents: 100,
            currency: 'EUR',
          }),
        ),
      ).rejects.toThrow();
      const own = await inTenant(a, () =>
        orders().insert({
          tableId: mine.tables[0].id,
          tableLabel: mine.tables[0].label,
          sittingId: mine.tables[0].sittingId,
          note: null,
          totalCents: 100,
          currency: 'EUR',
        }),
      );
      expect(
        (await snapshotOf(a)).orders.map((o: { id: string }) => o.id),
      ).toContain(own.id);
      expect(await snapshotOf(b)).toEqual(before);
    });
  });

  describe('OrderLineRepository', () => {
    it('reads none of B', async () => {
      await inTenant(a, async () => {
        expect(await lines().ofOrders(theirs.orders.map((o) => o.id))).toEqual(
          [],
        );
        const both = await lines().ofOrders(
          [...mine.orders, ...theirs.orders].map((o) => o.id),
        );
        expect([...new Set(both.map((l) => l.orderId))].sort()).toEqual(
          ids(mine.orders),
        );
      });
    });

    it('changes none of B', async () => {
      const before = await snapshotOf(b);
      // A line of A cannot join B's order: (tenant_id, order_id) must be A's.
      await expect(
        inTenant(a, () =>
          lines().insertAll(theirs.orders[0].id, [
            {
              menuItemId: randomUUID(),
              name: 'Extra',
              quantity: 1,
              unitPriceCents: 1,
              note: null,
            },
          ]),
        ),
      ).rejects.toThrow();
      expect(await snapshotOf(b)).toEqual(before);
    });
  });
});
