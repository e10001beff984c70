import { ErrorCode } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR } from '@foyer/web/data-access';

/** "14 minutes", "45 seconds", "1 minute"; a vague phrase when the wait is unknown. */
export function formatWait(seconds: number | null): string {
  if (seconds === null || seconds <= 0) {
    return 'a little while';
  }
  if (seconds < 60) {
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Words for an API failure a page did not handle itself. Never shows internals: the API's
 * `detail` is meant for people and is rendered as text, not HTML.
 */
export function describeApiError(error: ApiError): string {
  switch (error.code) {
    case NETWORK_ERROR:
      return 'The server could not be reached. Check the connection and try again.';
    case ErrorCode.FORBIDDEN:
      return 'Your role does not allow that.';
    case ErrorCode.UNAUTHENTICATED:
      return 'Your session has ended. Sign in again.';
    case ErrorCode.RATE_LIMITED:
      return `Too many requests. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    case ErrorCode.INTERNAL:
    case ErrorCode.SERVICE_UNAVAILABLE:
      return error.requestId
        ? `Something went wrong on our side. Try again; if it keeps happening, quote request ${error.requestId}.`
        : 'Something went wrong on our side. Try again.';
    default:
      return error.detail;
  }
}
