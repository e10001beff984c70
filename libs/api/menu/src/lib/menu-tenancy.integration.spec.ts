import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule } from '@foyer/api/auth';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MenuCategory } from './menu-category.mapper';
import { MenuCategoryRepository } from './menu-category.repository';
import { MenuItem } from './menu-item.mapper';
import { MenuItemRepository } from './menu-item.repository';
import { MenuPrices } from './menu-prices.service';
import { MenuModule } from './menu.module';

/**
 * The application's own tenant scoping, without row-level security: this app connects as
 * a superuser (`bypassRlsUrl`), so only each statement's `tenant_id = $1` keeps tenant B's
 * rows out of tenant A's work. Every public repository method runs in A with B's ids;
 * nothing of B may be read, and B's rows must be exactly as they were afterwards.
 */
describe('menu repositories name the tenant in every statement (RLS bypassed)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let mediaDir: string;
  let a: string;
  let b: string;
  const mine: { categories: MenuCategory[]; items: MenuItem[] } = {
    categories: [],
    items: [],
  };
  const theirs: { categories: MenuCategory[]; items: MenuItem[] } = {
    categories: [],
    items: [],
  };

  const inTenant = <T>(tenant: string, work: () => Promise<T>) =>
    app.get(TenantContext).run(tenant, work);
  const categories = () => app.get(MenuCategoryRepository);
  const items = () => app.get(MenuItemRepository);
  /** All of a tenant's menu rows, read around the application. */
  const snapshotOf = (tenant: string) =>
    app.get(TenantContext).run(tenant, async (m) => ({
      categories: await m.query(
        'SELECT * FROM menu_category WHERE tenant_id = $1 ORDER BY id',
        [tenant],
      ),
      items: await m.query(
        'SELECT * FROM menu_item WHERE tenant_id = $1 ORDER BY id',
        [tenant],
      ),
    }));
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  const item = (categoryId: string, name: string, available = true) => ({
    categoryId,
    name,
    description: '',
    priceCents: 450,
    currency: 'EUR',
    allergens: ['milk'],
    available,
    position: 10,
    imageKey: null,
  });

  async function seed(tenant: string, into: typeof mine): Promise<void> {
    await inTenant(tenant, async () => {
      for (const [index, name] of ['Food', 'Drinks'].entries()) {
        const category = await categories().insert({
          name,
          position: index,
        });
        into.categories.push(category);
        into.items.push(await items().insert(item(category.id, `${name} 1`)));
        into.items.push(
          await items().insert(item(category.id, `${name} 2`, false)),
        );
      }
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    mediaDir = await mkdtemp(join(tmpdir(), 'foyer-media-'));
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, MenuModule],
      env: { DATABASE_URL: db.bypassRlsUrl, MEDIA_STORAGE_DIR: mediaDir },
    });
    a = await createTenantRow(app, 'alpha');
    b = await createTenantRow(app, 'bravo');
    await seed(a, mine);
    await seed(b, theirs);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('really runs without row-level security', async () => {
    const seen = await inTenant(a, () =>
      app
        .get(TenantContext)
        .manager.query('SELECT count(*)::int AS n FROM menu_item'),
    );
    expect(seen).toEqual([{ n: 8 }]);
  });

  describe('MenuCategoryRepository', () => {
    const them = () => theirs.categories[0];

    it('reads none of B', async () => {
      await inTenant(a, async () => {
        expect(await categories().find(them().id)).toBeNull();
        expect(await categories().exists(them().id)).toBe(false);
        expect(ids(await categories().all())).toEqual(ids(mine.categories));
        expect(ids(await categories().page(null, 100))).toEqual(
          ids(mine.categories),
        );
        expect(
          ids(await categories().page({ position: -1, id: them().id }, 100)),
        ).toEqual(ids(mine.categories));
        expect(await categories().count()).toBe(mine.categories.length);
      });
    });

    it('changes none of B', async () => {
      const before = await snapshotOf(b);
      await inTenant(a, async () => {
        expect(
          await categories().update(them().id, { name: 'Taken', position: 9 }),
        ).toBeNull();
        expect(await categories().delete(theirs.categories[1].id)).toBe(0);
      });
      const own = await inTenant(a, () =>
        categories().insert({ name: 'Desserts', position: 5 }),
      );
      expect(ids((await snapshotOf(a)).categories)).toContain(own.id);
      await inTenant(a, () => categories().delete(own.id));
      expect(await snapshotOf(b)).toEqual(before);
    });
  });

  describe('MenuItemRepository', () => {
    const them = () => theirs.items[0];

    it('reads none of B', async () => {
      await inTenant(a, async () => {
        expect(await items().find(them().id)).toBeNull();
        expect(
          ids(
            await items().byIds(
              [...mine.items, ...theirs.items].map((i) => i.id),
            ),
          ),
        ).toEqual(ids(mine.items));
        expect(ids(await items().page(null, null, 100))).toEqual(
          ids(mine.items),
        );
        expect(await items().page(theirs.categories[0].id, null, 100)).toEqual(
          [],
        );
        expect(
          ids(await items().page(null, { position: -1, id: them().id }, 100)),
        ).toEqual(ids(mine.items));
        expect(ids(await items().available())).toEqual(
          ids(mine.items.filter((i) => i.available)),
        );
        expect(await items().inCategory(theirs.categories[0].id)).toBe(false);
        expect(await items().count()).toBe(mine.items.length);
      });
    });

    it('changes none of B', async () => {
      const before = await snapshotOf(b);
      await inTenant(a, async () => {
        expect(
          await items().update(them().id, { priceCents: 1, available: false }),
        ).toBeNull();
        expect(await items().delete(theirs.items[1].id)).toBe('missing');
      });
      // An item of A cannot go into B's category: (tenant_id, category_id) must be A's.
      await expect(
        inTenant(a, () =>
          items().insert(item(theirs.categories[0].id, 'Stolen')),
        ),
      ).rejects.toThrow();
      const own = await inTenant(a, () =>
        items().insert(item(mine.categories[0].id, 'Own')),
      );
      expect(ids((await snapshotOf(a)).items)).toContain(own.id);
      await inTenant(a, () => items().delete(own.id));
      expect(await snapshotOf(b)).toEqual(before);
    });
  });

  describe('MenuPrices (what orders reads of the menu)', () => {
    it('prices none of B', async () => {
      const priced = await inTenant(a, () =>
        app
          .get(MenuPrices)
          .items([...mine.items, ...theirs.items].map((i) => i.id)),
      );
      expect([...priced.keys()].sort()).toEqual(ids(mine.items));
    });
  });
});
