import { INestApplication } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Tenant } from './entities/tenant.entity';
import { TenantDirectory } from './tenant-directory.service';
import { TenantsModule } from './tenants.module';

describe('tenant isolation under row-level security (runtime role, real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let context: TenantContext;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    db = await createTestDatabase();
    // A pool of one connection: if a tenant setting survived its transaction, the next would see it.
    app = await createTestApp(db, {
      imports: [TenantsModule],
      env: { DATABASE_POOL_SIZE: '1' },
    });
    context = app.get(TenantContext);
    const directory = app.get(TenantDirectory);
    a = await directory.create({ slug: 'alpha', name: 'Alpha Theatre' });
    b = await directory.create({ slug: 'bravo', name: 'Bravo Club' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const visibleSlugs = (tenantId?: string) => {
    const read = async () =>
      (await context.manager.find(Tenant, { order: { slug: 'ASC' } })).map(
        (t) => t.slug,
      );
    return tenantId ? context.run(tenantId, read) : context.withoutTenant(read);
  };

  it('shows no tenant row when no tenant is set (deny by default)', async () => {
    await expect(visibleSlugs()).resolves.toEqual([]);
    const plain = app.get(DataSource);
    await expect(
      plain.query('SELECT count(*)::int AS n FROM tenant'),
    ).resolves.toEqual([{ n: 0 }]);
  });

  it("shows only the tenant's own row when one is set", async () => {
    await expect(visibleSlugs(a.id)).resolves.toEqual(['alpha']);
    await expect(visibleSlugs(b.id)).resolves.toEqual(['bravo']);
  });

  it('never leaks the setting to the next transaction on a pooled connection', async () => {
    for (let round = 0; round < 100; round += 1) {
      const tenant = round % 2 === 0 ? a : b;
      await expect(visibleSlugs(tenant.id)).resolves.toEqual([tenant.slug]);
      await expect(visibleSlugs()).resolves.toEqual([]);
    }
    const plain = app.get(DataSource);
    await expect(
      plain.query(`SELECT current_setting('app.tenant_id', true) AS t`),
    ).resolves.toEqual([{ t: '' }]);
  });

  it("refuses to write a row for another tenant and cannot update another tenant's row", async () => {
    await expect(
      context.run(a.id, (manager) =>
        manager.insert(Tenant, {
          id: b.id.replace(/.$/, '0'),
          slug: 'sneaky',
          name: 'Sneaky',
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await context.run(a.id, (manager) =>
      manager.update(Tenant, { id: b.id }, { name: 'Owned' }),
    );
    expect(updated.affected).toBe(0);
    await expect(
      context.run(b.id, (manager) =>
        manager.findOneByOrFail(Tenant, { id: b.id }),
      ),
    ).resolves.toMatchObject({
      name: 'Bravo Club',
    });
  });

  it('gives the runtime role no way around the policies', async () => {
    const client = new Client({ connectionString: db.runtimeUrl });
    await client.connect();
    try {
      const role = await client.query(
        `SELECT rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = current_user`,
      );
      expect(role.rows[0]).toEqual({
        rolsuper: false,
        rolbypassrls: false,
        owned: 0,
      });
      await client.query('SET row_security = off');
      await expect(client.query('SELECT * FROM tenant')).rejects.toThrow(
        /row-level security/,
      );
      await client.query('RESET row_security');
      await expect(client.query('DELETE FROM tenant')).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        client.query('ALTER TABLE tenant DISABLE ROW LEVEL SECURITY'),
      ).rejects.toThrow(/must be owner/);
    } finally {
      await client.end();
    }
  });

  it('puts every table under forced row-level security, but for the outbox and the migration log', async () => {
    const client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      const tables = await client.query(
        `SELECT c.relname, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
      );
      const unprotected = tables.rows
        .filter(
          (t: { enabled: boolean; forced: boolean }) => !t.enabled || !t.forced,
        )
        .map((t: { relname: string }) => t.relname);
      // The outbox is infrastructure read by the relay across tenants; migrations are the owner's.
      expect(unprotected).toEqual(['migrations', 'outbox_message']);
      expect(tables.rows.length).toBeGreaterThan(5);
    } finally {
      await client.end();
    }
  });

  it('resolves a public venue through the narrow slug lookup only', async () => {
    const directory = app.get(TenantDirectory);
    await expect(directory.idForSlug('alpha')).resolves.toBe(a.id);
    await expect(directory.idForSlug('nope')).resolves.toBeNull();
    await expect(directory.idForSlug("alpha' OR '1'='1")).resolves.toBeNull();

    const found = await request(app.getHttpServer())
      .get('/api/public/venues/bravo')
      .expect(200);
    expect(found.body).toEqual({
      slug: 'bravo',
      name: 'Bravo Club',
      timezone: 'UTC',
      currency: 'EUR',
    });
    const missing = await request(app.getHttpServer())
      .get('/api/public/venues/unknown-venue')
      .expect(404);
    expect(missing.headers['content-type']).toMatch(
      /^application\/problem\+json/,
    );
    expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
