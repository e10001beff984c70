type Json = Record<string, unknown>;

const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;

const optionalString = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;

/** One entry of the tenant's audit trail. */
export interface AuditEvent {
  readonly id: string;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  /** Null for events without a signed-in actor (a visitor, a worker job). */
  readonly actorId: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Query filters of `GET /api/staff/audit`; empty ones are left out of the request. */
export interface AuditFilters {
  readonly action?: string;
  readonly actorId?: string;
  /** ISO-8601 UTC, inclusive. */
  readonly from?: string;
  /** ISO-8601 UTC. */
  readonly to?: string;
}

/** `GET /api/staff/audit/verify`. */
export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBrokenId?: string;
}

export function parseAuditEvent(value: unknown): AuditEvent | null {
  const raw = record(value);
  const id = raw?.['id'];
  const action = raw?.['action'];
  const occurredAt = raw?.['occurredAt'] ?? raw?.['createdAt'];
  if (
    typeof id !== 'string' ||
    typeof action !== 'string' ||
    typeof occurredAt !== 'string'
  ) {
    return null;
  }
  return {
    id,
    action,
    occurredAt,
    actorId: optionalString(raw?.['actorId']),
    targetType: optionalString(raw?.['targetType']),
    targetId: optionalString(raw?.['targetId']),
    metadata: record(raw?.['metadata']) ?? {},
  };
}

export function parseChainVerification(
  value: unknown,
): ChainVerification | null {
  const raw = record(value);
  const ok = raw?.['ok'];
  const checked = raw?.['checked'];
  if (typeof ok !== 'boolean' || typeof checked !== 'number') {
    return null;
  }
  const firstBrokenId = raw?.['firstBrokenId'];
  return typeof firstBrokenId === 'string'
    ? { ok, checked, firstBrokenId }
    : { ok, checked };
}
