import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
  bool,
  integer,
} from '@foyer/api/platform/database';
import { PositionKey } from './menu-category.repository';
import {
  MENU_ITEM_COLUMNS,
  MenuItem,
  MenuItemChanges,
  toMenuItem,
} from './menu-item.mapper';

const FOREIGN_KEY_VIOLATION = '23503';

/** Field → column of the fields an update may change (a fixed list: nothing else reaches the SQL). */
const COLUMN: Readonly<Record<keyof MenuItemChanges, string>> = {
  categoryId: 'category_id',
  name: 'name',
  description: 'description',
  priceCents: 'price_cents',
  currency: 'currency',
  allergens: 'allergens',
  available: 'available',
  position: 'position',
  imageKey: 'image_key',
};

export type NewMenuItem = Omit<MenuItem, 'id'>;

/** The one reader and writer of `menu_item`; every statement names the tenant as $1. */
@Injectable()
export class MenuItemRepository extends TenantScopedRepository {
  // Its own constructor, so Nest reads the TenantContext parameter of this class.
  constructor(context: TenantContext) {
    super(context);
  }

  /** Up to `limit` items (of one category, if given) after `after` in (position, id) order. */
  page(
    categoryId: string | null,
    after: PositionKey | null,
    limit: number,
  ): Promise<MenuItem[]> {
    return this.select(
      `SELECT ${MENU_ITEM_COLUMNS} FROM menu_item
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR category_id = $2::uuid)
          AND ($3::int IS NULL OR (position, id) > ($3::int, $4::uuid))
        ORDER BY position, id LIMIT $5`,
      [categoryId, after?.position ?? null, after?.id ?? null, limit],
      toMenuItem,
    );
  }

  /** Every available item, in menu order. */
  available(): Promise<MenuItem[]> {
    return this.select(
      `SELECT ${MENU_ITEM_COLUMNS} FROM menu_item WHERE tenant_id = $1 AND available
        ORDER BY position, id`,
      [],
      toMenuItem,
    );
  }

  find(id: string): Promise<MenuItem | null> {
    return this.first(
      `SELECT ${MENU_ITEM_COLUMNS} FROM menu_item WHERE tenant_id = $1 AND id = $2`,
      [id],
      toMenuItem,
    );
  }

  /** The tenant's items among `ids` (others' and unknown ids are simply absent). */
  byIds(ids: readonly string[]): Promise<MenuItem[]> {
    return this.select(
      `SELECT ${MENU_ITEM_COLUMNS} FROM menu_item WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [ids],
      toMenuItem,
    );
  }

  async inCategory(categoryId: string): Promise<boolean> {
    const used = await this.first(
      `SELECT EXISTS (SELECT 1 FROM menu_item WHERE tenant_id = $1 AND category_id = $2) AS used`,
      [categoryId],
      (row) => bool(row, 'used'),
    );
    return used ?? false;
  }

  async count(): Promise<number> {
    const counted = await this.first(
      'SELECT count(*)::int AS count FROM menu_item WHERE tenant_id = $1',
      [],
      (row) => integer(row, 'count'),
    );
    return counted ?? 0;
  }

  async insert(item: NewMenuItem): Promise<MenuItem> {
    const [inserted] = await this.select(
      `INSERT INTO menu_item (tenant_id, category_id, name, description, price_cents, currency, allergens, available, position, image_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${MENU_ITEM_COLUMNS}`,
      [
        item.categoryId,
        item.name,
        item.description,
        item.priceCents,
        item.currency,
        item.allergens,
        item.available,
        item.position,
        item.imageKey,
      ],
      toMenuItem,
    );
    return inserted;
  }

  /** Changes exactly the given fields; null when the item is not the tenant's. */
  update(id: string, changes: MenuItemChanges): Promise<MenuItem | null> {
    const set: string[] = [];
    const params: unknown[] = [id];
    for (const field of Object.keys(COLUMN) as (keyof MenuItemChanges)[]) {
      if (changes[field] !== undefined) {
        params.push(changes[field]);
        set.push(`${COLUMN[field]} = $${params.length + 1}`);
      }
    }
    set.push('updated_at = now()');
    return this.first(
      `UPDATE menu_item SET ${set.join(', ')} WHERE tenant_id = $1 AND id = $2
       RETURNING ${MENU_ITEM_COLUMNS}`,
      params,
      toMenuItem,
    );
  }

  /**
   * Deletes the item unless orders refer to it (`referenced`, and the transaction goes on:
   * the failed DELETE is rolled back to a savepoint).
   */
  async delete(id: string): Promise<'deleted' | 'missing' | 'referenced'> {
    await this.manager.query('SAVEPOINT menu_item_delete');
    try {
      const deleted = await this.execute(
        'DELETE FROM menu_item WHERE tenant_id = $1 AND id = $2',
        [id],
      );
      await this.manager.query('RELEASE SAVEPOINT menu_item_delete');
      return deleted > 0 ? 'deleted' : 'missing';
    } catch (error) {
      if (
        (error as { code?: unknown } | null)?.code === FOREIGN_KEY_VIOLATION
      ) {
        await this.manager.query('ROLLBACK TO SAVEPOINT menu_item_delete');
        return 'referenced';
      }
      throw error;
    }
  }
}
