import { TenantContext } from './tenant-context.service';
import { EntityManager } from 'typeorm';

/**
 * The tenant context of a seed the CLI runs inside its own `TenantContext.run`: the CLI
 * hands over that transaction's manager and tenant, and the repositories run on exactly
 * those (no nested transactions, no other tenant).
 */
export class SeedTenantContext extends TenantContext {
  constructor(
    private readonly seedManager: EntityManager,
    private readonly seedTenantId: string,
  ) {
    super(null as never, null as never);
  }

  override get tenantId(): string {
    return this.seedTenantId;
  }

  override get manager(): EntityManager {
    return this.seedManager;
  }

  override run<T>(
    tenantId: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (tenantId !== this.seedTenantId) {
      throw new Error('a transaction cannot switch tenants');
    }
    return work(this.seedManager);
  }

  override withoutTenant<T>(): Promise<T> {
    throw new Error('a seed runs for one tenant');
  }
}
