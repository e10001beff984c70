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

export interface HealthStatus {
  status: 'ok' | 'error';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
}
