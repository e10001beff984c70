import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Version prefix of every sealed text: `v1.` + base64url(iv ‖ tag ‖ ciphertext). */
export const SEALED_FORMAT = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a fresh random IV and `aad` bound in as associated data. The shared
 * primitive behind the idempotency records and the outbox payloads.
 */
export function sealAesGcm(
  key: Buffer,
  aad: string,
  plaintext: string,
): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
  ]);
  return (
    SEALED_FORMAT +
    Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
  );
}

/**
 * The plaintext, or undefined for anything that does not authenticate under `key` and
 * `aad` (wrong key or associated data, tampered, truncated, not ours).
 */
export function openAesGcm(
  key: Buffer,
  aad: string,
  sealed: string,
): string | undefined {
  if (typeof sealed !== 'string' || !sealed.startsWith(SEALED_FORMAT)) {
    return undefined;
  }
  const raw = Buffer.from(sealed.slice(SEALED_FORMAT.length), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) {
    return undefined;
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key,
      raw.subarray(0, IV_BYTES),
      { authTagLength: TAG_BYTES },
    );
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}
