import { createHmac, timingSafeEqual } from 'node:crypto';

/** Storage keys: ≥128 random bits in base64url plus the stored format. Nothing else reaches a path. */
export const MEDIA_KEY = /^[A-Za-z0-9_-]{22,64}\.(webp|jpg)$/;
/** URLs expire at the end of the next full window, so one URL (and the menu ETag) holds within a window. */
export const MEDIA_URL_WINDOW_SECONDS = 3600;

const signature = (secret: string, key: string, exp: number) =>
  createHmac('sha256', secret)
    .update(`media\n${key}\n${exp}`, 'utf8')
    .digest('base64url');

/** The expiry (unix seconds) of URLs signed at `now`: between one and two windows ahead. */
export function mediaExpiry(
  now: Date,
  window = MEDIA_URL_WINDOW_SECONDS,
): number {
  return (Math.floor(now.getTime() / 1000 / window) + 2) * window;
}

/** A relative URL the SPA resolves against the API origin. */
export function signMediaUrl(
  secret: string,
  key: string,
  now: Date = new Date(),
): string {
  if (!MEDIA_KEY.test(key)) {
    throw new Error('not a media key');
  }
  const exp = mediaExpiry(now);
  return `/api/media/${key}?exp=${exp}&sig=${signature(secret, key, exp)}`;
}

/**
 * Whether a media URL's parameters are genuine and unexpired. The HMAC covers key and
 * expiry, so neither can be changed; the comparison is constant-time.
 */
export function verifyMediaSignature(
  secret: string,
  key: string,
  exp: unknown,
  sig: unknown,
  now: Date = new Date(),
): boolean {
  if (
    !MEDIA_KEY.test(key) ||
    typeof exp !== 'string' ||
    typeof sig !== 'string' ||
    !/^\d{1,12}$/.test(exp)
  ) {
    return false;
  }
  const expiry = Number(exp);
  if (expiry * 1000 <= now.getTime()) {
    return false;
  }
  const expected = Buffer.from(signature(secret, key, expiry), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
