import * as z from 'zod/mini';
import { count, identifier, isoTime } from './wire';

/** One entry of the tenant's audit trail (`GET /api/staff/audit`), newest first. */
export const AuditEvent = z.object({
  id: identifier,
  occurredAt: isoTime,
  /** Null for events without a signed-in actor (a visitor, a worker job). */
  actorId: z.nullable(identifier),
  action: z.string(),
  targetType: z.string(),
  targetId: z.nullable(z.string()),
  metadata: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** `GET /api/staff/audit/verify`: the tenant's hash chain recomputed. */
export const ChainVerification = z.object({
  ok: z.boolean(),
  /** Rows examined, the broken one included; all of them when ok. */
  checked: count,
  firstBrokenId: z.optional(z.string()),
});
export type ChainVerification = z.infer<typeof ChainVerification>;
