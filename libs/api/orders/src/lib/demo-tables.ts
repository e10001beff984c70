import { randomToken } from '@foyer/api/platform/crypto';
import { SeedTenantContext } from '@foyer/api/platform/database';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DiningTableRepository } from './dining-table.repository';

const DEMO_TABLES = ['Table 1', 'Table 2', 'Table 3', 'Bar 1'];

/**
 * The demo venue's tables (once), each with a fresh random code: codes are never fixed
 * or documented, so the seed returns them for the operator to print instead.
 */
export async function seedDemoTables(
  manager: EntityManager,
  tenantId: string,
): Promise<{ label: string; code: string }[]> {
  const tables = new DiningTableRepository(
    new SeedTenantContext(manager, tenantId),
  );
  if ((await tables.count()) === 0) {
    for (const label of DEMO_TABLES) {
      await tables.insert({
        label,
        active: true,
        code: randomToken(),
        sittingId: randomUUID(),
      });
    }
  }
  return (await tables.active()).map(({ label, code }) => ({ label, code }));
}
