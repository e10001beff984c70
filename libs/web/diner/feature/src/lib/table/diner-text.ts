import { ErrorCode, OrderStatus } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR } from '@foyer/web/data-access';
import {
  BadgeTone,
  ProblemWords,
  describeProblem,
  formatWait,
} from '@foyer/web/shared/ui';

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

const STATUS_TONE: Record<OrderStatus, BadgeTone> = {
  received: 'neutral',
  accepted: 'neutral',
  preparing: 'neutral',
  ready: 'ok',
  served: 'ok',
  cancelled: 'bad',
};

/** The colour of an order's status: green once it is ready, red when cancelled. */
export const statusTone = (status: OrderStatus): BadgeTone =>
  STATUS_TONE[status];

const SESSION_ENDED =
  'Your table session has ended. Reload the page or scan the table’s QR code again.';

/** How the table page words a failed cart or order call. */
const DINER_WORDS: ProblemWords = {
  codes: {
    [NETWORK_ERROR]:
      'We could not reach the venue’s server. Check your connection and try again.',
    [ErrorCode.CART_EMPTY]:
      'The table’s order is empty — someone may just have sent it. Add something first.',
    [ErrorCode.ITEM_UNAVAILABLE]:
      'Something in the order is no longer available. We refreshed the menu: check the order and send it again.',
    [ErrorCode.NOT_FOUND]: 'That item is no longer on the menu.',
    [ErrorCode.CAPABILITY_INVALID]: SESSION_ENDED,
    [ErrorCode.CAPABILITY_TABLE_MISMATCH]: SESSION_ENDED,
  },
  tooManyRequests: (seconds) =>
    `Too many requests from this network. Try again in ${formatWait(seconds, 'a moment')}.`,
  serverFault: () => 'Something went wrong on our side. Try again in a moment.',
};

/** Words for a failed cart or order call. */
export function describeDinerError(error: ApiError): string {
  return describeProblem(error, DINER_WORDS);
}
