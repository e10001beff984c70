import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A child row names its parent together with its tenant. Two foreign keys named the
 * parent's id alone (`reservation_token → reservation`, `refresh_token → auth_session`),
 * and a foreign key check is not subject to row-level security: a row of tenant A could
 * point at tenant B's reservation or session. With `(tenant_id, parent_id)` keys the
 * database refuses that, as it already does for rooms, performances, menu items and order
 * lines.
 */
export class CompositeTenantKeys1764700000000 implements MigrationInterface {
  name = 'CompositeTenantKeys1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE reservation ADD CONSTRAINT reservation_tenant_id_id_key UNIQUE (tenant_id, id)`,
    );
    await q.query(`
      ALTER TABLE reservation_token
        ADD CONSTRAINT reservation_token_tenant_reservation_fkey
        FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservation (tenant_id, id)`);
    await q.query(
      `ALTER TABLE auth_session ADD CONSTRAINT auth_session_tenant_id_id_key UNIQUE (tenant_id, id)`,
    );
    await q.query(`
      ALTER TABLE refresh_token
        ADD CONSTRAINT refresh_token_tenant_session_fkey
        FOREIGN KEY (tenant_id, session_id) REFERENCES auth_session (tenant_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE refresh_token DROP CONSTRAINT refresh_token_tenant_session_fkey`,
    );
    await q.query(
      `ALTER TABLE auth_session DROP CONSTRAINT auth_session_tenant_id_id_key`,
    );
    await q.query(
      `ALTER TABLE reservation_token DROP CONSTRAINT reservation_token_tenant_reservation_fkey`,
    );
    await q.query(
      `ALTER TABLE reservation DROP CONSTRAINT reservation_tenant_id_id_key`,
    );
  }
}
