import { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from './tenant-rls';

/**
 * One row per tenant holding the end of its audit hash chain. Writers lock it with
 * `SELECT … FOR UPDATE`, which both queues them and (READ COMMITTED re-reads a locked row)
 * returns the head as the previous writer committed it: one round trip where an advisory
 * lock and a read of the last event took two, and a shorter hold at a busy door.
 */
export class AuditHead1764400000000 implements MigrationInterface {
  name = 'AuditHead1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_head (
        tenant_id uuid PRIMARY KEY REFERENCES tenant (id),
        seq bigint NOT NULL CHECK (seq >= 0),
        hash text NOT NULL
      )`);
    await q.query(`
      INSERT INTO audit_head (tenant_id, seq, hash)
      SELECT DISTINCT ON (tenant_id) tenant_id, seq, hash
        FROM audit_event ORDER BY tenant_id, seq DESC`);
    await protectTenantTable(q, 'audit_head', 'SELECT, INSERT, UPDATE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_head`);
  }
}
