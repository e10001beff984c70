import {
  Row,
  RowShapeError,
  integer,
  json,
  optionalText,
  text,
} from '@foyer/api/platform/database';
import { AuditEvent } from './entities/audit-event.entity';

/** The head of a tenant's chain: the last appended `seq` (0: none yet) and its hash. */
export interface AuditHead {
  seq: string;
  hash: string;
}

/** The columns `toAuditEvent` reads, in one place for every SELECT of the table. */
export const AUDIT_EVENT_COLUMNS = `id, tenant_id, seq, occurred_at, actor_id, action, target_type,
       target_id, metadata, previous_hash, hash`;

function metadataOf(row: Row): Record<string, unknown> {
  const value = json(row, 'metadata');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RowShapeError('metadata', 'a json object', value);
  }
  return value as Record<string, unknown>;
}

/** `bigint` arrives as text from node-postgres; checked as an integer, kept as text. */
function bigintText(row: Row, column: string): string {
  integer(row, column);
  return String(row[column]);
}

export function toAuditEvent(row: Row): AuditEvent {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    seq: bigintText(row, 'seq'),
    occurredAt: text(row, 'occurred_at'),
    actorId: optionalText(row, 'actor_id'),
    action: text(row, 'action'),
    targetType: text(row, 'target_type'),
    targetId: optionalText(row, 'target_id'),
    metadata: metadataOf(row),
    previousHash: optionalText(row, 'previous_hash'),
    hash: text(row, 'hash'),
  };
}

export function toAuditHead(row: Row): AuditHead {
  return { seq: bigintText(row, 'seq'), hash: text(row, 'hash') };
}
