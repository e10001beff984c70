import { INestApplication } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import { randomUUID } from 'node:crypto';

/** A tenant row for tests of modules that do not own tenants; RLS admits it once its id is set. */
export async function createTenantRow(
  app: INestApplication,
  slug: string,
  name = slug,
): Promise<string> {
  const id = randomUUID();
  await app
    .get(TenantContext)
    .run(id, (manager) =>
      manager.query('INSERT INTO tenant (id, slug, name) VALUES ($1, $2, $3)', [
        id,
        slug,
        name,
      ]),
    );
  return id;
}
