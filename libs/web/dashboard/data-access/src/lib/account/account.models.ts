import { ErrorCode } from '@foyer/contracts';
import { ApiError, TenantSummary } from '@foyer/web/data-access';

/** One open session of the signed-in user, in any tenant (`GET /api/auth/sessions`). */
export interface SignedInSession {
  /** The `:id` of `DELETE /api/auth/sessions/:id`. */
  readonly id: string;
  readonly tenant: TenantSummary;
  /** As the browser sent it at sign-in; null when it sent none. */
  readonly userAgent: string | null;
  readonly ip: string | null;
  /** ISO-8601. */
  readonly createdAt: string;
  /** ISO-8601; the sign-in time when the API gave none. */
  readonly lastUsedAt: string;
  /** The session this browser is using. */
  readonly current: boolean;
}

type Json = Record<string, unknown>;

const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

function parseTenant(value: unknown): TenantSummary | null {
  const raw = record(value);
  const id = text(raw?.['id']);
  if (!id) {
    return null;
  }
  const slug = text(raw?.['slug']);
  return { id, slug: slug ?? '', name: text(raw?.['name']) ?? slug ?? id };
}

/** One session; null when it lacks what the page needs (its id, tenant and sign-in time). */
export function parseSignedInSession(value: unknown): SignedInSession | null {
  const raw = record(value);
  const id = text(raw?.['id']);
  const tenant = parseTenant(raw?.['tenant']);
  const createdAt = text(raw?.['createdAt']);
  if (!raw || !id || !tenant || !createdAt) {
    return null;
  }
  return {
    id,
    tenant,
    userAgent: text(raw['userAgent']),
    ip: text(raw['ip']),
    createdAt,
    lastUsedAt: text(raw['lastUsedAt']) ?? createdAt,
    current: raw['current'] === true,
  };
}

/**
 * `{items}` of `GET /api/auth/sessions`, keeping the items it can read. A body without an
 * `items` array is refused: an empty list would wrongly say no device is signed in.
 */
export function parseSignedInSessions(value: unknown): SignedInSession[] {
  const items = record(value)?.['items'];
  if (!Array.isArray(items)) {
    throw new ApiError(
      200,
      ErrorCode.INTERNAL,
      'The server sent an unexpected list of sessions.',
    );
  }
  return items.flatMap((item: unknown) => {
    const session = parseSignedInSession(item);
    return session ? [session] : [];
  });
}
