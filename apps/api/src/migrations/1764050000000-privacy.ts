import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToRuntime } from './tenant-rls';

/**
 * Retention: the worker learns which tenants hold reservations past their retention
 * period (tenant ids only, nothing personal) and then anonymises each tenant's rows
 * inside that tenant's row-level security context.
 */
export class Privacy1764050000000 implements MigrationInterface {
  name = 'Privacy1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_tenants_due_for_anonymisation() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        SELECT DISTINCT r.tenant_id
        FROM public.reservation r
        JOIN public.performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
        JOIN public.tenant t ON t.id = r.tenant_id
        WHERE r.anonymised_at IS NULL
          AND p.ends_at < now() - make_interval(days => t.retention_days)
      $$`);
    await grantToRuntime(q, ['app_tenants_due_for_anonymisation()']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_tenants_due_for_anonymisation()`);
  }
}
