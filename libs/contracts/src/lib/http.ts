import * as z from 'zod/mini';

/** Header names shared by the API, the SPA and the tests. */
export const Header = {
  REQUEST_ID: 'X-Request-ID',
  IDEMPOTENCY_KEY: 'Idempotency-Key',
  IDEMPOTENT_REPLAYED: 'Idempotent-Replayed',
  CSRF_TOKEN: 'X-CSRF-Token',
  SESSION_CAP: 'X-Session-Cap',
  AUTH_MODE: 'X-Auth-Mode',
  RETRY_AFTER: 'Retry-After',
} as const;

/** Paging shape of every staff collection. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The schema of a `Page` of `item`. */
export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/** The schema of an unpaged `{items}` list (the public and diner lists, the user's sessions). */
export const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item) });

/**
 * A page and a list whose items are not read yet: for readers that keep the rows they can
 * read and skip the rest, so one bad row does not hide the others.
 */
export const UnreadPage = pageOf(z.unknown());
export const UnreadList = listOf(z.unknown());

export interface HealthStatus {
  status: 'ok' | 'error';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
}
