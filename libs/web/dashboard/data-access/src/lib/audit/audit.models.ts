/** One entry of the tenant's audit trail, and the result of its hash-chain check. */
export type { AuditEvent, ChainVerification } from '@foyer/contracts';

/** Query filters of `GET /api/staff/audit`; empty ones are left out of the request. */
export interface AuditFilters {
  readonly action?: string;
  readonly actorId?: string;
  /** ISO-8601 UTC, inclusive. */
  readonly from?: string;
  /** ISO-8601 UTC. */
  readonly to?: string;
}
