import { ErrorCode } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR, formatWait } from '@foyer/web/data-access';
import {
  BookingStatus,
  PublicPerformance,
} from '@foyer/web/public-data-access';

/**
 * "Saturday 14 March 2026 at 19:30" in the venue's zone, or the visitor's own zone (named)
 * when the venue's is unknown. An unknown zone name falls back rather than throwing.
 */
export function formatWhen(
  iso: string,
  timeZone?: string,
  locale?: string,
): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : { timeZoneName: 'short' }),
  };
  try {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  } catch {
    return timeZone ? formatWhen(iso, undefined, locale) : iso;
  }
}

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

/** Words for failures a page does not name itself. The API's `detail` is shown as text. */
export function describeError(error: ApiError): string {
  if (error.code === NETWORK_ERROR) {
    return 'We could not reach the server. Check your connection and try again.';
  }
  if (error.code === ErrorCode.RATE_LIMITED) {
    return `Too many requests from your network. Try again in ${formatWait(error.retryAfterSeconds)}.`;
  }
  if (error.status >= 500) {
    return error.requestId
      ? `Something went wrong on our side. Try again; if it keeps happening, quote request ${error.requestId}.`
      : 'Something went wrong on our side. Try again in a moment.';
  }
  return error.detail;
}
