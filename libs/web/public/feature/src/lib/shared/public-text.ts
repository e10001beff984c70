import { ApiError, NETWORK_ERROR } from '@foyer/web/data-access';
import {
  BookingStatus,
  PublicPerformance,
} from '@foyer/web/public-data-access';
import {
  ProblemWords,
  describeProblem,
  formatWait,
} from '@foyer/web/shared/ui';

export const seats = (n: number) => `${n} ${n === 1 ? 'seat' : 'seats'}`;

export const isBookable = (p: PublicPerformance) =>
  p.bookingStatus === 'open' && p.seatsAvailable > 0;

const STATUS_TEXT: Record<BookingStatus, string> = {
  open: 'Booking open',
  closed: 'Booking closed',
  sold_out: 'Sold out',
  cancelled: 'Cancelled',
};

/** One line a visitor reads under a performance: whether and how many seats they can get. */
export function availabilityText(p: PublicPerformance): string {
  if (p.bookingStatus === 'open') {
    return p.seatsAvailable > 0
      ? `${seats(p.seatsAvailable)} left`
      : 'Sold out';
  }
  return STATUS_TEXT[p.bookingStatus] ?? 'Not bookable';
}

/** A failure the user may simply try again (the API stored no answer for it). */
export const isRetryable = (error: ApiError) =>
  error.code === NETWORK_ERROR || error.status >= 500 || error.status === 429;

/**
 * An emailed link's request failed for a reason its page does not name: try again when the
 * API stored no answer, otherwise the link itself is not valid.
 */
export function linkFailure(
  error: ApiError,
): { kind: 'retry'; message: string } | { kind: 'invalid' } {
  return isRetryable(error)
    ? { kind: 'retry', message: describeError(error) }
    : { kind: 'invalid' };
}

/** How the visitor's pages word a failure. */
const VISITOR_WORDS: ProblemWords = {
  codes: {
    [NETWORK_ERROR]:
      'We could not reach the server. Check your connection and try again.',
  },
  tooManyRequests: (seconds) =>
    `Too many requests from your network. Try again in ${formatWait(seconds)}.`,
  serverFault: (requestId) =>
    requestId
      ? `Something went wrong on our side. Try again; if it keeps happening, quote request ${requestId}.`
      : 'Something went wrong on our side. Try again in a moment.',
};

/** Words for failures a page does not name itself. */
export function describeError(error: ApiError): string {
  return describeProblem(error, VISITOR_WORDS);
}
