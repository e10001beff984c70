import { Injectable } from '@nestjs/common';
import {
  Row,
  TenantContext,
  TenantScopedRepository,
  optionalText,
  rowsOf,
} from '@foyer/api/platform/database';
import { EntityManager } from 'typeorm';
import { TENANT_COLUMNS, toTenant } from './tenant.mapper';
import { Tenant } from './entities/tenant.entity';

/** The settings a tenant may change about itself; absent fields stay as they are. */
export interface TenantChange {
  name?: string | null;
  timezone?: string | null;
  currency?: string | null;
  retentionDays?: number | null;
}

const CHANGEABLE: readonly (readonly [keyof TenantChange, string])[] = [
  ['name', 'name'],
  ['timezone', 'timezone'],
  ['currency', 'currency'],
  ['retentionDays', 'retention_days'],
];

/** The `tenant` table. The current tenant is its own row: `id = $1`. */
@Injectable()
export class TenantRepository extends TenantScopedRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /** The current tenant's row (null only if it does not exist). */
  current(): Promise<Tenant | null> {
    return this.first(
      `SELECT ${TENANT_COLUMNS} FROM tenant WHERE id = $1`,
      [],
      toTenant,
    );
  }

  /** Creates the current tenant's row: the context is already set to the new id. */
  insert(input: {
    slug: string;
    name: string;
    timezone: string;
    currency: string;
  }): Promise<Tenant | null> {
    return this.first(
      `INSERT INTO tenant (id, slug, name, timezone, currency) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${TENANT_COLUMNS}`,
      [input.slug, input.name, input.timezone, input.currency],
      toTenant,
    );
  }

  /**
   * Sets each setting `change` carries (a field present as null is written as null, and
   * the database refuses it as before); the row as it is now.
   */
  update(change: TenantChange): Promise<Tenant | null> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [field, column] of CHANGEABLE) {
      if (change[field] !== undefined) {
        params.push(change[field]);
        sets.push(`${column} = $${params.length + 1}`);
      }
    }
    return this.first(
      `UPDATE tenant SET ${[...sets, 'updated_at = now()'].join(', ')}
        WHERE id = $1
       RETURNING ${TENANT_COLUMNS}`,
      params,
      toTenant,
    );
  }

  /**
   * Which tenant has this public slug. Tenant-free by design: it runs before any tenant
   * is known, through the `app_tenant_id_by_slug` definer function, which scopes the
   * lookup itself and returns the id only.
   */
  idForSlug(slug: string): Promise<string | null> {
    return this.context.withoutTenant(async (manager) => {
      const [row] = await this.definer(
        manager,
        'SELECT app_tenant_id_by_slug($1) AS id',
        [slug],
      );
      return row ? optionalText(row, 'id') : null;
    });
  }

  /** A definer-function call with its own parameters (no tenant `$1`). */
  protected async definer(
    manager: EntityManager,
    sql: string,
    params: readonly unknown[],
  ): Promise<Row[]> {
    return rowsOf(await manager.query(sql, [...params]));
  }
}
