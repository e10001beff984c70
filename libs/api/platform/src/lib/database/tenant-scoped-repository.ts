import { EntityManager } from 'typeorm';
import { Row, affectedOf, rowsOf } from './rows';
import { TenantContext } from './tenant-context.service';

/**
 * The base of a table's repository. Every statement it runs names the tenant: the
 * current tenant from `TenantContext` is always `$1`, and the SQL must compare it
 * (`tenant_id = $1`), so the application scopes each query itself and row-level security
 * is the second lock, not the only one. Results come back as `Row`s for the table's
 * mapper (see rows.ts); nothing is cast.
 */
export abstract class TenantScopedRepository {
  constructor(protected readonly context: TenantContext) {}

  /** The tenant of the current transaction; a repository is never used outside one. */
  protected get tenantId(): string {
    const tenantId = this.context.tenantId;
    if (!tenantId) {
      throw new Error(`${this.constructor.name} runs inside a tenant context`);
    }
    return tenantId;
  }

  protected get manager(): EntityManager {
    return this.context.manager;
  }

  /** Rows of `sql`, with the tenant as `$1` and `params` from `$2` on, each mapped. */
  protected async select<T>(
    sql: string,
    params: readonly unknown[],
    map: (row: Row) => T,
  ): Promise<T[]> {
    return rowsOf(await this.query(sql, params)).map(map);
  }

  /** The first row of `sql` mapped, or null. */
  protected async first<T>(
    sql: string,
    params: readonly unknown[],
    map: (row: Row) => T,
  ): Promise<T | null> {
    const [row] = rowsOf(await this.query(sql, params));
    return row ? map(row) : null;
  }

  /** Runs a statement without RETURNING; how many rows it changed. */
  protected async execute(
    sql: string,
    params: readonly unknown[],
  ): Promise<number> {
    return affectedOf(await this.query(sql, params));
  }

  private query(sql: string, params: readonly unknown[]): Promise<unknown> {
    if (!/\$1\b/.test(sql)) {
      throw new Error(
        `${this.constructor.name}: every statement names the tenant as $1`,
      );
    }
    return this.manager.query(sql, [this.tenantId, ...params]);
  }
}
