import { hkdfSync } from 'node:crypto';
import { AppConfig } from '../config/config.schema';
import { openAesGcm, sealAesGcm } from '../crypto/aes-gcm';

/** HKDF info label under which the outbox payload key is derived from TOKEN_HASH_KEY. */
export const OUTBOX_KEY_LABEL = 'foyer outbox v1';

/** What an outbox row and its BullMQ job hold instead of the payload. */
export interface SealedPayload {
  sealed: string;
}

/** Thrown when a payload does not open: wrong key or job id, tampered, or not sealed. */
export class SealedPayloadError extends Error {
  constructor() {
    super('The outbox payload cannot be opened.');
    this.name = 'SealedPayloadError';
  }
}

/**
 * Outbox payloads at rest. Mail payloads carry raw one-time tokens (confirm, ticket,
 * cancel, set-password links and the check-in QR text), so the outbox row and the BullMQ
 * job hold only `{ sealed: "v1.…" }`: AES-256-GCM under a key HKDF-SHA256-derived from
 * TOKEN_HASH_KEY (info OUTBOX_KEY_LABEL), with the row id (= the job id) as associated
 * data, so a sealed payload cannot be replayed under another job. A database or Redis
 * dump without the secret reveals no token, address or text. The processor opens it just
 * before use.
 */
export class OutboxSeal {
  private readonly key: Buffer;

  constructor(config: Pick<AppConfig, 'TOKEN_HASH_KEY'>) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.TOKEN_HASH_KEY, 'foyer', OUTBOX_KEY_LABEL, 32),
    );
  }

  seal(id: string, payload: object): SealedPayload {
    return { sealed: sealAesGcm(this.key, id, JSON.stringify(payload)) };
  }

  open<T extends object>(id: string, data: unknown): T {
    const sealed = (data as Partial<SealedPayload> | null)?.sealed;
    const plaintext =
      typeof sealed === 'string' ? openAesGcm(this.key, id, sealed) : undefined;
    if (plaintext === undefined) {
      throw new SealedPayloadError();
    }
    return JSON.parse(plaintext) as T;
  }
}
