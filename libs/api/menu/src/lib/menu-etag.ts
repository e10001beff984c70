import type { PublicMenu } from '@foyer/contracts';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@foyer/api/platform/crypto';

/**
 * A strong ETag for the public menu: base64url SHA-256 of its canonical JSON, quoted.
 * It hashes the document exactly as sent, so any visible change (price, name, an item
 * becoming unavailable and dropping out, a new position reordering the arrays) changes
 * it, while key order does not. Strong is right because equal tags mean byte-equivalent
 * JSON content.
 */
export function menuEtag(menu: PublicMenu): string {
  const digest = createHash('sha256')
    .update(canonicalJson(menu, { omitUndefined: true }), 'utf8')
    .digest('base64url');
  return `"${digest}"`;
}

/**
 * Whether an If-None-Match header matches the current tag (RFC 9110 weak comparison,
 * which is what If-None-Match uses): `*`, or any listed tag with or without `W/`.
 */
export function ifNoneMatchHits(
  header: string | undefined,
  etag: string,
): boolean {
  if (header === undefined) {
    return false;
  }
  const trimmed = header.trim();
  if (trimmed === '*') {
    return true;
  }
  const opaque = etag.replace(/^W\//, '');
  return (trimmed.match(/(?:W\/)?"[^"]*"/g) ?? []).some(
    (tag) => tag.replace(/^W\//, '') === opaque,
  );
}
