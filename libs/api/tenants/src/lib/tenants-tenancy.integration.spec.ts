import { INestApplication } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Tenant } from './entities/tenant.entity';
import { TenantDirectory } from './tenant-directory.service';
import { TenantRepository } from './tenant.repository';
import { TenantsModule } from './tenants.module';

/**
 * The tenancy walk: on a connection row-level security does not restrict (a superuser),
 * every tenant-scoped method of TenantRepository, inside tenant A, must neither read nor
 * change tenant B's row. `idForSlug` is tenant-free by design (a definer function that
 * answers an id only, before any tenant is known) and is not walked.
 */
describe('tenant repository scopes every statement to its tenant (RLS bypassed)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let context: TenantContext;
  let repository: TenantRepository;
  let a: Tenant;
  let b: Tenant;

  const rowOf = async (id: string) =>
    app.get(DataSource).query('SELECT * FROM tenant WHERE id = $1', [id]);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [TenantsModule],
      env: { DATABASE_URL: db.bypassRlsUrl },
    });
    context = app.get(TenantContext);
    repository = app.get(TenantRepository);
    const directory = app.get(TenantDirectory);
    a = await directory.create({ slug: 'alpha', name: 'Alpha Theatre' });
    b = await directory.create({ slug: 'bravo', name: 'Bravo Club' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("reads and changes only the current tenant's row", async () => {
    const before = await rowOf(b.id);
    await context.run(a.id, async () => {
      await expect(repository.current()).resolves.toMatchObject({
        id: a.id,
        slug: 'alpha',
      });
      await expect(
        repository.update({ name: 'Alpha Renamed', retentionDays: 30 }),
      ).resolves.toMatchObject({ id: a.id, name: 'Alpha Renamed' });
      // TenantDirectory.current, the read other domains use, is A's too.
      await expect(app.get(TenantDirectory).current()).resolves.toMatchObject({
        id: a.id,
      });
    });
    expect(await rowOf(b.id)).toEqual(before);
    expect((await rowOf(a.id))[0]).toMatchObject({
      name: 'Alpha Renamed',
      retention_days: 30,
    });
  });

  it("inserts only the current tenant's own row", async () => {
    const before = await rowOf(b.id);
    const id = randomUUID();
    await context.run(id, () =>
      repository.insert({
        slug: 'charlie',
        name: 'Charlie',
        timezone: 'UTC',
        currency: 'EUR',
      }),
    );
    expect(await rowOf(id)).toHaveLength(1);
    expect(await rowOf(b.id)).toEqual(before);
  });
});
