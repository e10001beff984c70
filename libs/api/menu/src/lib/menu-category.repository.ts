import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
  integer,
} from '@foyer/api/platform/database';
import {
  MENU_CATEGORY_COLUMNS,
  MenuCategory,
  toMenuCategory,
} from './menu-category.mapper';

/** A keyset position in (position, id) order, the order the menu is shown in. */
export interface PositionKey {
  position: number;
  id: string;
}

/** The one reader and writer of `menu_category`; every statement names the tenant as $1. */
@Injectable()
export class MenuCategoryRepository extends TenantScopedRepository {
  // Its own constructor, so Nest reads the TenantContext parameter of this class.
  constructor(context: TenantContext) {
    super(context);
  }

  /** Up to `limit` categories after `after` in (position, id) order. */
  page(after: PositionKey | null, limit: number): Promise<MenuCategory[]> {
    return this.select(
      `SELECT ${MENU_CATEGORY_COLUMNS} FROM menu_category
        WHERE tenant_id = $1 AND ($2::int IS NULL OR (position, id) > ($2::int, $3::uuid))
        ORDER BY position, id LIMIT $4`,
      [after?.position ?? null, after?.id ?? null, limit],
      toMenuCategory,
    );
  }

  /** Every category, in menu order. */
  all(): Promise<MenuCategory[]> {
    return this.select(
      `SELECT ${MENU_CATEGORY_COLUMNS} FROM menu_category WHERE tenant_id = $1 ORDER BY position, id`,
      [],
      toMenuCategory,
    );
  }

  find(id: string): Promise<MenuCategory | null> {
    return this.first(
      `SELECT ${MENU_CATEGORY_COLUMNS} FROM menu_category WHERE tenant_id = $1 AND id = $2`,
      [id],
      toMenuCategory,
    );
  }

  async exists(id: string): Promise<boolean> {
    return (await this.find(id)) !== null;
  }

  async count(): Promise<number> {
    const counted = await this.first(
      'SELECT count(*)::int AS count FROM menu_category WHERE tenant_id = $1',
      [],
      (row) => integer(row, 'count'),
    );
    return counted ?? 0;
  }

  async insert(fields: {
    name: string;
    position: number;
  }): Promise<MenuCategory> {
    const [category] = await this.select(
      `INSERT INTO menu_category (tenant_id, name, position) VALUES ($1, $2, $3)
       RETURNING ${MENU_CATEGORY_COLUMNS}`,
      [fields.name, fields.position],
      toMenuCategory,
    );
    return category;
  }

  /** Changes the given fields; null when the category is not the tenant's. */
  update(
    id: string,
    changes: Partial<Pick<MenuCategory, 'name' | 'position'>>,
  ): Promise<MenuCategory | null> {
    const set: string[] = [];
    const params: unknown[] = [id];
    if (changes.name !== undefined) {
      params.push(changes.name);
      set.push(`name = $${params.length + 1}`);
    }
    if (changes.position !== undefined) {
      params.push(changes.position);
      set.push(`position = $${params.length + 1}`);
    }
    set.push('updated_at = now()');
    return this.first(
      `UPDATE menu_category SET ${set.join(', ')} WHERE tenant_id = $1 AND id = $2
       RETURNING ${MENU_CATEGORY_COLUMNS}`,
      params,
      toMenuCategory,
    );
  }

  /** How many rows went (0 or 1). */
  delete(id: string): Promise<number> {
    return this.execute(
      'DELETE FROM menu_category WHERE tenant_id = $1 AND id = $2',
      [id],
    );
  }
}
