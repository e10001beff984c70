/**
 * A signing key ring read from one environment variable: either a single secret
 * (its kid is `k1`) or `kid:secret,kid:secret` with the current key first.
 * The first key signs; every listed key verifies.
 */
export interface SigningKey {
  kid: string;
  secret: string;
}

export interface KeyRing {
  current: SigningKey;
  keys: ReadonlyMap<string, string>;
}

const KID = /^[A-Za-z0-9_-]{1,16}$/;

export class KeyRingFormatError extends Error {}

export function parseKeyRing(raw: string): KeyRing {
  const entries = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (entries.length === 0) {
    throw new KeyRingFormatError('is empty');
  }
  const looksListed =
    entries.length > 1 ||
    (KID.test(entries[0].split(':', 1)[0]) && entries[0].includes(':'));
  const keys = new Map<string, string>();
  const ordered: SigningKey[] = [];
  if (!looksListed) {
    ordered.push({ kid: 'k1', secret: entries[0] });
  } else {
    for (const entry of entries) {
      const separator = entry.indexOf(':');
      const kid = separator > 0 ? entry.slice(0, separator) : '';
      const secret = separator > 0 ? entry.slice(separator + 1) : '';
      if (!KID.test(kid) || secret.length === 0) {
        throw new KeyRingFormatError(
          'must be one secret or a comma-separated list of kid:secret pairs',
        );
      }
      if (ordered.some((key) => key.kid === kid)) {
        throw new KeyRingFormatError(`lists kid "${kid}" twice`);
      }
      ordered.push({ kid, secret });
    }
  }
  for (const key of ordered) {
    keys.set(key.kid, key.secret);
  }
  return { current: ordered[0], keys };
}
