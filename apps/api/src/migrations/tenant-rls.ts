import { QueryRunner } from 'typeorm';

/**
 * The one way a tenant-scoped table is protected: ENABLE + FORCE row-level security, a
 * policy admitting only rows of `app_current_tenant()` (none when unset), a maintenance
 * policy for the owner role that runs migrations and SECURITY DEFINER lookups, and the
 * runtime group's grants. Migrations call it with literal table names only.
 */
export async function protectTenantTable(
  q: QueryRunner,
  table: string,
  grants: string,
): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`
    CREATE POLICY ${table}_isolation ON ${table}
    USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`);
  await q.query(
    `CREATE POLICY ${table}_owner_maintenance ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`,
  );
  await q.query(`GRANT ${grants} ON ${table} TO foyer_runtime`);
}

/** Narrow lookups are callable by the runtime group only. */
export async function grantToRuntime(
  q: QueryRunner,
  functions: string[],
): Promise<void> {
  for (const fn of functions) {
    await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO foyer_runtime`);
  }
}
