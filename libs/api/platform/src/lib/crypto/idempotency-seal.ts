import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { openAesGcm, sealAesGcm } from './aes-gcm';

/** HKDF info label under which the idempotency root key is derived from TOKEN_HASH_KEY. */
export const IDEMPOTENCY_KEY_LABEL = 'foyer idempotency v1';

/** Thrown when a sealed record does not open: wrong key or scope, tampered or not ours. */
export class SealedRecordError extends Error {
  constructor() {
    super('The idempotency record cannot be opened.');
    this.name = 'SealedRecordError';
  }
}

/** The per-record secrets: they exist only while a request with the raw key is in hand. */
export interface RecordKeys {
  /** Redis key suffix: a keyed hash, never the raw Idempotency-Key. */
  readonly id: string;
  readonly encryption: Buffer;
  readonly fingerprint: Buffer;
}

/**
 * Idempotency records at rest (Redis). Everything is derived from a root secret (itself
 * derived from TOKEN_HASH_KEY under IDEMPOTENCY_KEY_LABEL) and the caller's raw
 * Idempotency-Key, which Redis never sees:
 *
 * - the record id is HMAC-SHA256(root, scope, key), so Redis holds no key;
 * - the record's AES-256-GCM key and fingerprint key come from HKDF-SHA256 with the
 *   Idempotency-Key as salt and the scope as info, so a stored response can only be
 *   opened by a request that presents the same key in the same scope (and with the
 *   server secret): a Redis dump alone, or the secret alone, reveals no response;
 * - the request fingerprint is an HMAC under that record key, so a low-entropy body (an
 *   email) cannot be confirmed by hashing guesses.
 *
 * `scope` is every part that separates records: tenant, caller, method and path.
 */
export class IdempotencySeal {
  private readonly root: Buffer;

  constructor(rootSecret: string | Buffer) {
    this.root = Buffer.from(
      hkdfSync('sha256', rootSecret, 'foyer', IDEMPOTENCY_KEY_LABEL, 32),
    );
  }

  keys(scope: string, idempotencyKey: string): RecordKeys {
    const id = createHmac('sha256', this.root)
      .update(`record\n${scope}\n${idempotencyKey}`)
      .digest('hex');
    // HKDF info is limited to 1024 bytes; a path can be long, so the scope goes in hashed.
    const info = `${IDEMPOTENCY_KEY_LABEL} record\n${createHash('sha256').update(scope).digest('hex')}`;
    const okm = Buffer.from(
      hkdfSync('sha256', this.root, idempotencyKey, info, 64),
    );
    return {
      id,
      encryption: okm.subarray(0, 32),
      fingerprint: okm.subarray(32, 64),
    };
  }

  /** A keyed hash of the request (method, URL, body) for the mismatch check. */
  fingerprint(keys: RecordKeys, request: string): string {
    return createHmac('sha256', keys.fingerprint)
      .update(request)
      .digest('base64url');
  }

  /** AES-256-GCM with a fresh IV; the record id is bound in as associated data. */
  seal(keys: RecordKeys, plaintext: string): string {
    return sealAesGcm(keys.encryption, keys.id, plaintext);
  }

  /** The plaintext, or SealedRecordError for anything that does not authenticate. */
  open(keys: RecordKeys, sealed: string): string {
    const plaintext = openAesGcm(keys.encryption, keys.id, sealed);
    if (plaintext === undefined) {
      throw new SealedRecordError();
    }
    return plaintext;
  }
}
