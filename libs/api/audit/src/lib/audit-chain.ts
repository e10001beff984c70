import type { ChainVerification } from '@foyer/contracts';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@foyer/api/platform/crypto';

/** The fields of an audit event that the chain covers; nothing else of a row is hashed. */
export interface AuditChainEvent {
  id: string;
  tenantId: string;
  /** Null for events without a signed-in actor (a visitor confirming, a worker job). */
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  metadata: Record<string, unknown>;
  /** ISO-8601 UTC, exactly as stored, so the hash does not depend on Date formatting. */
  occurredAt: string;
}

export interface AuditChainRow extends AuditChainEvent {
  previousHash: string | null;
  hash: string;
}

const GENESIS = 'GENESIS';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * SHA-256 (hex) over the previous row's hash, or GENESIS for a tenant's first row, a
 * newline, and the canonical event. Only the listed fields are taken, so adding columns
 * to the row later does not change existing hashes.
 */
export function chainHash(
  previousHash: string | null,
  event: AuditChainEvent,
): string {
  if (previousHash !== null && !SHA256_HEX.test(previousHash)) {
    // An empty or malformed link must not be read as the start of a chain.
    throw new TypeError(
      'previousHash must be null or a lowercase SHA-256 hex digest',
    );
  }
  const covered: AuditChainEvent = {
    id: event.id,
    tenantId: event.tenantId,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    metadata: event.metadata,
    occurredAt: event.occurredAt,
  };
  return createHash('sha256')
    .update(`${previousHash ?? GENESIS}\n${canonicalJson(covered)}`, 'utf8')
    .digest('hex');
}

function recomputes(
  expectedPrevious: string | null,
  row: AuditChainRow,
): boolean {
  try {
    return chainHash(expectedPrevious, row) === row.hash;
  } catch {
    // A row whose fields no longer canonicalise has been altered outside the API.
    return false;
  }
}

/**
 * Walks rows in chain order (the caller sorts by the append sequence) and stops at the
 * first row whose link or hash does not hold. A changed field breaks at that row; a
 * deleted or moved row breaks at the first row whose link no longer matches. Truncating
 * the newest rows, or rewriting every hash from some row on, is only detectable against a
 * head hash kept elsewhere: pass `previousHash` to resume from such a checkpoint.
 */
export function verifyChain(
  rows: readonly AuditChainRow[],
  options: { previousHash?: string | null } = {},
): ChainVerification {
  let expectedPrevious = options.previousHash ?? null;
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as AuditChainRow;
    if (
      row.previousHash !== expectedPrevious ||
      !recomputes(expectedPrevious, row)
    ) {
      return { ok: false, checked: i + 1, firstBrokenId: row.id };
    }
    expectedPrevious = row.hash;
  }
  return { ok: true, checked: rows.length };
}
