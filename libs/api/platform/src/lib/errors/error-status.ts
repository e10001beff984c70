import { ErrorCode } from '@foyer/contracts';

/**
 * The HTTP status of each contract error code (docs/architecture.md, HTTP conventions).
 * A `DomainError` takes its status from here, so a throw site names only what went
 * wrong; keyed by every `ErrorCode`, so a new code cannot ship without a status.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  REFRESH_REUSED: 401,
  CAPABILITY_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  ORIGIN_NOT_ALLOWED: 403,
  SIGNATURE_INVALID: 403,
  CAPABILITY_TABLE_MISMATCH: 403,
  NOT_FOUND: 404,
  TOKEN_INVALID: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  LAST_OWNER: 409,
  BOOKING_CLOSED: 409,
  SOLD_OUT: 409,
  RESERVATION_CANCELLED: 409,
  CANCEL_CLOSED: 409,
  NOT_CONFIRMED: 409,
  ALREADY_CHECKED_IN: 409,
  CANCELLED: 409,
  WRONG_PERFORMANCE: 409,
  OUTSIDE_WINDOW: 409,
  CART_EMPTY: 409,
  ITEM_UNAVAILABLE: 409,
  INVALID_TRANSITION: 409,
  TOKEN_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_MISMATCH: 422,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * The one code the contract answers with two statuses. A spent, expired or unknown
 * account token (set-password, reset-password, accept-invitation) is
 * `400 TOKEN_INVALID`; a reservation or check-in token is `404 TOKEN_INVALID`, the
 * table's. Account-token throw sites pass this as the `status` option.
 */
export const ACCOUNT_TOKEN_INVALID_STATUS = 400;
