import { Injectable } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import { randomUUID } from 'node:crypto';
import { chainHash } from './audit-chain';
import { AuditHead } from './audit-event.mapper';
import { AuditEventRepository } from './audit-event.repository';
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
 * exists exactly when the change it describes commits. The tenant's chain head row,
 * locked until commit, orders concurrent writers; the runtime role cannot update or
 * delete events.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly context: TenantContext,
    private readonly events: AuditEventRepository,
  ) {}

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
    const last = await this.lockHead();
    const event: AuditEvent = {
      id: randomUUID(),
      tenantId,
      seq: String(BigInt(last.seq) + 1n),
      occurredAt: new Date().toISOString(),
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      metadata,
      previousHash: last.seq === '0' ? null : last.hash,
      hash: '',
    };
    event.hash = chainHash(event.previousHash, event);
    await this.events.append(event);
    return event;
  }

  /**
   * Locks this tenant's chain head until the transaction ends and returns it as last
   * committed (seq 0: no event yet). Concurrent writers queue on the row.
   */
  private async lockHead(): Promise<AuditHead> {
    const head = await this.events.lockHead();
    if (head) {
      return head;
    }
    // The tenant's first event: create the head (a concurrent first writer may get there
    // first; the insert then waits for it and does nothing), then lock it.
    await this.events.createHead();
    const created = await this.events.lockHead();
    if (!created) {
      throw new Error('the audit chain head could not be created');
    }
    return created;
  }
}
