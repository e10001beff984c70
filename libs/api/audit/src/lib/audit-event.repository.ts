import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
} from '@foyer/api/platform/database';
import {
  AUDIT_EVENT_COLUMNS,
  AuditHead,
  toAuditEvent,
  toAuditHead,
} from './audit-event.mapper';
import { AuditEvent } from './entities/audit-event.entity';

/** What the audit page filters by; each is optional. */
export interface AuditFilter {
  /** Events before this `seq` (a cursor). */
  beforeSeq?: string;
  action?: string;
  actorId?: string;
  /** ISO-8601 UTC, inclusive; compared as stored text, as hashed. */
  from?: string;
  /** ISO-8601 UTC, exclusive. */
  to?: string;
}

/**
 * The audit chain of the current tenant: `audit_event` (append-only for the runtime role)
 * and its head row `audit_head`, which one statement advances together with the append,
 * so both tables have this one owner.
 */
@Injectable()
export class AuditEventRepository extends TenantScopedRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /**
   * The tenant's chain head, locked until the transaction ends (concurrent writers queue
   * on the row), or null before the tenant's first event.
   */
  lockHead(): Promise<AuditHead | null> {
    return this.first(
      'SELECT seq, hash FROM audit_head WHERE tenant_id = $1 FOR UPDATE',
      [],
      toAuditHead,
    );
  }

  /**
   * Creates the tenant's head at seq 0; a concurrent first writer may get there first,
   * the insert then waits for it and does nothing.
   */
  async createHead(): Promise<void> {
    await this.execute(
      `INSERT INTO audit_head (tenant_id, seq, hash) VALUES ($1, 0, '') ON CONFLICT (tenant_id) DO NOTHING`,
      [],
    );
  }

  /** Appends `event` and moves the head to it, in one statement (the head is locked). */
  async append(event: AuditEvent): Promise<void> {
    await this.execute(
      `WITH appended AS (
         INSERT INTO audit_event (id, tenant_id, seq, occurred_at, actor_id, action, target_type,
                                  target_id, metadata, previous_hash, hash)
         VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)
       )
       UPDATE audit_head SET seq = $3, hash = $11 WHERE tenant_id = $1`,
      [
        event.id,
        event.seq,
        event.occurredAt,
        event.actorId,
        event.action,
        event.targetType,
        event.targetId,
        JSON.stringify(event.metadata),
        event.previousHash,
        event.hash,
      ],
    );
  }

  /** Newest first, at most `limit` events matching `filter`. */
  page(filter: AuditFilter, limit: number): Promise<AuditEvent[]> {
    const params: unknown[] = [];
    const where = ['tenant_id = $1'];
    const add = (condition: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length + 1}`));
    };
    if (filter.beforeSeq !== undefined) {
      add((n) => `seq < ${n}::bigint`, filter.beforeSeq);
    }
    if (filter.action !== undefined) {
      add((n) => `action = ${n}`, filter.action);
    }
    if (filter.actorId !== undefined) {
      add((n) => `actor_id = ${n}::uuid`, filter.actorId);
    }
    if (filter.from !== undefined) {
      add((n) => `occurred_at >= ${n}`, filter.from);
    }
    if (filter.to !== undefined) {
      add((n) => `occurred_at < ${n}`, filter.to);
    }
    params.push(limit);
    return this.select(
      `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_event
        WHERE ${where.join(' AND ')}
        ORDER BY seq DESC LIMIT $${params.length + 1}`,
      params,
      toAuditEvent,
    );
  }

  /** The tenant's whole chain in append order. */
  chain(): Promise<AuditEvent[]> {
    return this.select(
      `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_event WHERE tenant_id = $1 ORDER BY seq ASC`,
      [],
      toAuditEvent,
    );
  }
}
