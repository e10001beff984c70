import { ErrorCode } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR } from '@foyer/web/data-access';

/** Words for an API failure on the staff ordering pages; the API's detail is shown as text. */
export function describeStaffError(error: ApiError): string {
  switch (error.code) {
    case NETWORK_ERROR:
      return 'The server could not be reached. Check the connection and try again.';
    case ErrorCode.FORBIDDEN:
      return 'Your role does not allow that.';
    case ErrorCode.UNAUTHENTICATED:
      return 'Your session has ended. Sign in again.';
    case ErrorCode.INVALID_TRANSITION:
      return 'Someone else changed this order first; the board shows where it is now.';
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 'That image is too large: at most 2 MiB and 24 megapixels.';
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 'That file is not a JPEG, PNG or WebP image.';
    case ErrorCode.RATE_LIMITED:
      return 'Too many requests. Wait a moment and try again.';
    default:
      return error.status >= 500
        ? `Something went wrong on our side. Try again${error.requestId ? ` (request ${error.requestId})` : ''}.`
        : error.detail;
  }
}
