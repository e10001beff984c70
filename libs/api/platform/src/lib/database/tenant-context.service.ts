import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { EntityManager } from 'typeorm';

const TENANT_KEY = 'foyer.tenantId';
const AFTER_COMMIT_KEY = 'foyer.afterCommit';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs work inside one transaction whose `app.tenant_id` is set with
 * `set_config(..., true)` (transaction-local), so row-level security scopes every
 * statement to that tenant and the setting ends with the transaction: a pooled
 * connection never carries it into the next request.
 */
@Injectable()
export class TenantContext {
  constructor(
    private readonly cls: ClsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The tenant of the current transaction, if one is set. */
  get tenantId(): string | undefined {
    return this.cls.isActive()
      ? this.cls.get<string | undefined>(TENANT_KEY)
      : undefined;
  }

  /** The entity manager of the current transaction (or a plain one outside any). */
  get manager(): EntityManager {
    return this.txHost.tx;
  }

  run<T>(
    tenantId: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (!UUID.test(tenantId)) {
      throw new Error('tenant id must be a UUID');
    }
    const inTransaction = async () => {
      // Only the outermost run commits; what was queued for after its commit runs then.
      const outermost = !this.txHost.isTransactionActive();
      const afterCommit: (() => void)[] = [];
      const result = await this.txHost.withTransaction(async () => {
        if (outermost) {
          this.cls.set(AFTER_COMMIT_KEY, afterCommit);
        }
        const current = this.cls.get<string | undefined>(TENANT_KEY);
        if (current !== undefined && current !== tenantId) {
          throw new Error('a transaction cannot switch tenants');
        }
        await this.txHost.tx.query(
          `SELECT set_config('app.tenant_id', $1, true)`,
          [tenantId],
        );
        this.cls.set(TENANT_KEY, tenantId);
        return work(this.txHost.tx);
      });
      for (const effect of afterCommit.splice(0)) {
        effect();
      }
      return result;
    };
    return this.cls.isActive() ? inTransaction() : this.cls.run(inTransaction);
  }

  /**
   * A side effect that must not happen before the data it reflects is visible (closing
   * the sockets of a revoked session: a reconnect must find the session revoked). Runs
   * after the outermost tenant transaction commits, is dropped when it rolls back, and
   * runs at once outside any. It must not throw or wait: it is fire-and-forget.
   */
  afterCommit(effect: () => void): void {
    const queued =
      this.cls.isActive() && this.txHost.isTransactionActive()
        ? this.cls.get<(() => void)[] | undefined>(AFTER_COMMIT_KEY)
        : undefined;
    if (queued) {
      queued.push(effect);
    } else {
      effect();
    }
  }

  /**
   * Work with no tenant set: row-level security then shows no tenant row at all. Meant
   * for single lookups through definer functions (which tenant holds this token, slug,
   * code). Outside a transaction they run in autocommit on a pooled connection, where no
   * tenant is ever set since the setting is transaction-local: one round trip instead of
   * BEGIN, query, COMMIT. Inside one they join it, so a request never waits for a
   * second connection from the pool.
   */
  withoutTenant<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.cls.isActive() && this.txHost.isTransactionActive()) {
      return this.txHost.withTransaction(async () => work(this.txHost.tx));
    }
    const direct = () =>
      this.txHost.withoutTransaction(async () => work(this.txHost.tx));
    return this.cls.isActive() ? direct() : this.cls.run(direct);
  }
}
