import { randomToken } from '@foyer/api/platform';
import { EntityManager } from 'typeorm';

const DEMO_TABLES = ['Table 1', 'Table 2', 'Table 3', 'Bar 1'];

/**
 * The demo venue's tables (once), each with a fresh random code: codes are never fixed
 * or documented, so the seed returns them for the operator to print instead.
 */
export async function seedDemoTables(
  manager: EntityManager,
  tenantId: string,
): Promise<{ label: string; code: string }[]> {
  const [{ tables }] = (await manager.query(
    'SELECT count(*)::int AS tables FROM dining_table',
  )) as { tables: number }[];
  if (tables === 0) {
    for (const label of DEMO_TABLES) {
      await manager.query(
        'INSERT INTO dining_table (tenant_id, label, code) VALUES ($1, $2, $3)',
        [tenantId, label, randomToken()],
      );
    }
  }
  return (await manager.query(
    'SELECT label, code FROM dining_table WHERE active ORDER BY label, id',
  )) as { label: string; code: string }[];
}
