import { KeyRing } from '@foyer/api/platform/config';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a diner capability lives; the SPA asks for a new one by calling /session again. */
export const CAPABILITY_TTL_SECONDS = 10 * 60;

/** What a capability binds: one table, one sitting and code version of it, one session, one device. */
export interface CapabilityClaims {
  /** table id */
  tbl: string;
  /** sitting id: closing the sitting replaces it */
  sit: string;
  /** code version: rotating the code bumps it */
  ver: number;
  /** session id, random per /session call */
  sid: string;
  /** keyed hash of the device id (never the id itself) */
  dev: string;
  /** expiry, seconds since the epoch */
  exp: number;
}

const VERSION = 'fc1';
const DOMAIN = 'foyer-capability-v1';
const SHAPE =
  /^fc1\.([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{10,600})\.([A-Za-z0-9_-]{43})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEVICE_HASH = /^[A-Za-z0-9_-]{16,64}$/;

function mac(secret: string, kid: string, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(`${DOMAIN}\n${kid}.${payload}`)
    .digest();
}

/**
 * `fc1.<kid>.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`. The current key of
 * CAPABILITY_KEYS signs; the kid names the key, the domain string and the kid are inside
 * the MAC, so no part can be swapped.
 */
export function signCapability(
  claims: CapabilityClaims,
  ring: KeyRing,
): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString(
    'base64url',
  );
  const { kid, secret } = ring.current;
  return `${VERSION}.${kid}.${payload}.${mac(secret, kid, payload).toString('base64url')}`;
}

function isClaims(value: unknown): value is CapabilityClaims {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const c = value as Record<string, unknown>;
  return (
    Object.keys(c).length === 6 &&
    typeof c['tbl'] === 'string' &&
    UUID.test(c['tbl']) &&
    typeof c['sit'] === 'string' &&
    UUID.test(c['sit']) &&
    typeof c['sid'] === 'string' &&
    UUID.test(c['sid']) &&
    typeof c['dev'] === 'string' &&
    DEVICE_HASH.test(c['dev']) &&
    Number.isSafeInteger(c['ver']) &&
    (c['ver'] as number) > 0 &&
    Number.isSafeInteger(c['exp'])
  );
}

/**
 * The claims of a capability signed by any key of the ring and not yet expired, or null
 * (malformed, unknown kid, bad signature, expired). Whether it fits the table, its code
 * version and sitting is the caller's check.
 */
export function verifyCapability(
  token: string | undefined,
  ring: KeyRing,
  nowSeconds = Math.floor(Date.now() / 1000),
): CapabilityClaims | null {
  const match =
    typeof token === 'string' && token.length <= 700 ? SHAPE.exec(token) : null;
  if (!match) {
    return null;
  }
  const [, kid, payload, signature] = match;
  const secret = ring.keys.get(kid);
  if (secret === undefined) {
    return null;
  }
  // Compared as text: two base64url strings can decode to the same bytes, texts cannot.
  const expected = Buffer.from(
    mac(secret, kid, payload).toString('base64url'),
    'utf8',
  );
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return null;
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isClaims(claims) || claims.exp <= nowSeconds) {
    return null;
  }
  return claims;
}
