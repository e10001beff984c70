import { ErrorCode } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR, formatWait } from '@foyer/web/data-access';

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
