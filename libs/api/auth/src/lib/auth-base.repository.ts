import {
  Row,
  TenantContext,
  TenantScopedRepository,
  rowsOf,
} from '@foyer/api/platform/database';
import { EntityManager } from 'typeorm';

/**
 * The base of auth's repositories: tenant-scoped statements through
 * `TenantScopedRepository` (the tenant is `$1`), plus calls of SECURITY DEFINER
 * functions, which take their own parameters. Those run where no tenant is known yet
 * (which tenant holds this token, this email's account) or reach across tenants (every
 * session of one user): the function itself scopes what it reads and changes, so they
 * cannot name a tenant as `$1`.
 */
export abstract class AuthRepository extends TenantScopedRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /**
   * A definer-function call in the caller's transaction, if any (its tenant, if set,
   * does not matter to the function).
   */
  protected async definer(
    sql: string,
    params: readonly unknown[],
    manager: EntityManager = this.manager,
  ): Promise<Row[]> {
    return rowsOf(await manager.query(sql, [...params]));
  }

  /**
   * A definer-function call with no tenant set: one round trip in autocommit, or joining
   * the caller's transaction when there is one (see `TenantContext.withoutTenant`).
   */
  protected definerWithoutTenant(
    sql: string,
    params: readonly unknown[],
  ): Promise<Row[]> {
    return this.context.withoutTenant((manager) =>
      this.definer(sql, params, manager),
    );
  }
}
