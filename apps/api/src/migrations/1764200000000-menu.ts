import { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from './tenant-rls';

/**
 * The menu: categories and items, tenant-scoped under row-level security. An item can
 * only point at a category of its own tenant (composite foreign key), and a category
 * with items cannot be deleted (RESTRICT). Images are referenced by an opaque random
 * storage key; the bytes live behind the media storage adapter, never in the database.
 */
export class Menu1764200000000 implements MigrationInterface {
  name = 'Menu1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE menu_category (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(
      `CREATE INDEX menu_category_tenant_position_idx ON menu_category (tenant_id, position, id)`,
    );
    await protectTenantTable(
      q,
      'menu_category',
      'SELECT, INSERT, UPDATE, DELETE',
    );

    await q.query(`
      CREATE TABLE menu_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        category_id uuid NOT NULL,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
        price_cents integer NOT NULL CHECK (price_cents >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        allergens text[] NOT NULL DEFAULT '{}' CHECK (cardinality(allergens) <= 14),
        available boolean NOT NULL DEFAULT true,
        position integer NOT NULL DEFAULT 0,
        image_key text CHECK (image_key ~ '^[A-Za-z0-9_-]{22,64}\\.(webp|jpg)$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- An item can only point at a category of its own tenant.
        FOREIGN KEY (tenant_id, category_id) REFERENCES menu_category (tenant_id, id) ON DELETE RESTRICT,
        UNIQUE (tenant_id, id)
      )`);
    await q.query(
      `CREATE INDEX menu_item_category_position_idx ON menu_item (category_id, position, id)`,
    );
    await q.query(
      `CREATE INDEX menu_item_tenant_idx ON menu_item (tenant_id, id)`,
    );
    await protectTenantTable(q, 'menu_item', 'SELECT, INSERT, UPDATE, DELETE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE menu_item`);
    await q.query(`DROP TABLE menu_category`);
  }
}
