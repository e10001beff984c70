import { ErrorCode, OrderStatus } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR, formatWait } from '@foyer/web/data-access';

const STATUS_TEXT: Record<OrderStatus, string> = {
  received: 'Received — waiting for staff',
  accepted: 'Accepted',
  preparing: 'Being prepared',
  ready: 'Ready',
  served: 'Served',
  cancelled: 'Cancelled',
};

export const statusText = (status: OrderStatus) =>
  STATUS_TEXT[status] ?? 'Unknown';

/** Words for a failed cart or order call; the API's own detail is shown as text only. */
export function describeDinerError(error: ApiError): string {
  switch (error.code) {
    case NETWORK_ERROR:
      return 'We could not reach the venue’s server. Check your connection and try again.';
    case ErrorCode.CART_EMPTY:
      return 'The table’s order is empty — someone may just have sent it. Add something first.';
    case ErrorCode.ITEM_UNAVAILABLE:
      return 'Something in the order is no longer available. We refreshed the menu: check the order and send it again.';
    case ErrorCode.RATE_LIMITED:
      return `Too many requests from this network. Try again in ${formatWait(error.retryAfterSeconds, 'a moment')}.`;
    case ErrorCode.NOT_FOUND:
      return 'That item is no longer on the menu.';
    case ErrorCode.CAPABILITY_INVALID:
    case ErrorCode.CAPABILITY_TABLE_MISMATCH:
      return 'Your table session has ended. Reload the page or scan the table’s QR code again.';
    default:
      return error.status >= 500
        ? 'Something went wrong on our side. Try again in a moment.'
        : error.detail;
  }
}
