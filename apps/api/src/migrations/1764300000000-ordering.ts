import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToRuntime, protectTenantTable } from './tenant-rls';

/**
 * Dining tables, orders and order lines. A table's code is an opaque random value
 * (256 bits, base64url) that staff can print again, so it is stored as is; rotating it
 * bumps `code_version`, closing a sitting replaces `sitting_id`: diner capabilities carry
 * both and die with either. Order lines copy name and price from the menu at placement,
 * so later menu edits never rewrite what was ordered. Shared carts live in Redis only.
 */
export class Ordering1764300000000 implements MigrationInterface {
  name = 'Ordering1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dining_table (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 60),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{22,64}$'),
        code_version integer NOT NULL DEFAULT 1 CHECK (code_version > 0),
        sitting_id uuid NOT NULL DEFAULT gen_random_uuid(),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(
      `CREATE INDEX dining_table_tenant_label_idx ON dining_table (tenant_id, label, id)`,
    );
    await protectTenantTable(
      q,
      'dining_table',
      'SELECT, INSERT, UPDATE, DELETE',
    );

    await q.query(`
      CREATE TABLE dining_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        table_id uuid,
        table_label text NOT NULL,
        sitting_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'accepted', 'preparing', 'ready', 'served', 'cancelled')),
        note text CHECK (char_length(note) <= 140),
        total_cents integer NOT NULL CHECK (total_cents >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Deleting a table keeps its orders (label copied), only the link goes.
        FOREIGN KEY (tenant_id, table_id) REFERENCES dining_table (tenant_id, id) ON DELETE SET NULL (table_id),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(
      `CREATE INDEX dining_order_tenant_created_idx ON dining_order (tenant_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX dining_order_table_sitting_idx ON dining_order (table_id, sitting_id)`,
    );
    await protectTenantTable(q, 'dining_order', 'SELECT, INSERT, UPDATE');

    await q.query(`
      CREATE TABLE order_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        order_id uuid NOT NULL,
        position integer NOT NULL CHECK (position >= 0),
        menu_item_id uuid NOT NULL,
        name text NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 20),
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        note text CHECK (char_length(note) <= 140),
        FOREIGN KEY (tenant_id, order_id) REFERENCES dining_order (tenant_id, id),
        UNIQUE (order_id, position)
      )`);
    await protectTenantTable(q, 'order_line', 'SELECT, INSERT');

    // The one public entry point: a table code yields only what its holder may know.
    await q.query(`
      CREATE FUNCTION app_table_by_code(p_code text)
      RETURNS TABLE (tenant_id uuid, table_id uuid, label text, code_version integer, sitting_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT tenant_id, id, label, code_version, sitting_id FROM public.dining_table
            WHERE code = p_code AND active $$`);
    await grantToRuntime(q, ['app_table_by_code(text)']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_table_by_code(text)`);
    for (const table of ['order_line', 'dining_order', 'dining_table']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
