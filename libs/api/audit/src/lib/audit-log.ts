import { Injectable } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform';
import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { chainHash } from './audit-chain';
import { AuditEvent } from './entities/audit-event.entity';

/** What callers may record. Metadata must never hold tokens, passwords, emails or bodies. */
export interface AuditEntry {
  action: string;
  actorId?: string | null;
  targetType: string;
  targetId?: string | null;
  metadata?: Record<string, string | number | boolean | null>;
  requestId?: string;
}

const FORBIDDEN_METADATA =
  /token|password|secret|email|phone|body|cookie|authorization/i;

/**
 * Appends to the current tenant's hash chain inside the caller's transaction, so an event
 * exists exactly when the change it describes commits. A per-tenant transaction lock
 * orders concurrent writers; the runtime role cannot update or delete rows.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly context: TenantContext) {}

  async record(entry: AuditEntry): Promise<AuditEvent> {
    const tenantId = this.context.tenantId;
    if (!tenantId) {
      throw new Error('audit events are written inside a tenant context');
    }
    const metadata: Record<string, unknown> = { ...(entry.metadata ?? {}) };
    for (const key of Object.keys(metadata)) {
      if (FORBIDDEN_METADATA.test(key)) {
        throw new Error(`audit metadata may not carry "${key}"`);
      }
    }
    if (entry.requestId) {
      metadata['requestId'] = entry.requestId;
    }
    const manager = this.context.manager;
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`,
      [tenantId],
    );
    const [last] = (await manager.query(
      `SELECT seq, hash FROM audit_event WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
      [tenantId],
    )) as { seq: string; hash: string }[];
    const event = manager.create(AuditEvent, {
      id: randomUUID(),
      tenantId,
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      occurredAt: new Date().toISOString(),
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      metadata,
      previousHash: last?.hash ?? null,
      hash: '',
    });
    event.hash = chainHash(event.previousHash, event);
    // jsonb metadata is stored as given; TypeORM's deep-partial type does not model it.
    await manager.insert(
      AuditEvent,
      event as unknown as QueryDeepPartialEntity<AuditEvent>,
    );
    return event;
  }
}
