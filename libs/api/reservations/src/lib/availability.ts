/**
 * Seat availability and booking state (domain rule 2 and State machines in
 * docs/architecture.md). Pure: the caller reads the counts inside the transaction that holds the
 * performance row lock and decides with these functions.
 */
import { BookingState, BookingStatus } from '@foyer/contracts';

export interface SeatCounts {
  capacity: number;
  additionalSeats: number;
  manuallyOccupiedSeats: number;
  /** Seats of confirmed reservations only: pending ones hold nothing. */
  confirmedSeats: number;
}

export interface BookablePerformance {
  bookingStatus: BookingStatus;
  /** Null: bookable as soon as the status is open. */
  bookingOpensAt: Date | null;
  /** Null: booking closes when the performance starts. */
  bookingClosesAt: Date | null;
  startsAt: Date;
  /** Result of seatsAvailable for this performance. */
  seatsAvailable: number;
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer`);
  }
}

/**
 * capacity + additional − manually occupied − confirmed, never below 0 (staff may occupy
 * seats by hand past what is left). Counts that are not non-negative integers are a data
 * error and throw, rather than quietly producing more seats than exist.
 */
export function seatsAvailable(counts: SeatCounts): number {
  assertCount('capacity', counts.capacity);
  assertCount('additionalSeats', counts.additionalSeats);
  assertCount('manuallyOccupiedSeats', counts.manuallyOccupiedSeats);
  assertCount('confirmedSeats', counts.confirmedSeats);
  return Math.max(
    0,
    counts.capacity +
      counts.additionalSeats -
      counts.manuallyOccupiedSeats -
      counts.confirmedSeats,
  );
}

const isValidDate = (d: Date | null): d is Date =>
  d instanceof Date && !Number.isNaN(d.getTime());

/**
 * The public booking state at `now`. Precedence: cancelled, then closed (by status or
 * outside the window), then sold out, then open — a performance that cannot be booked
 * anyway reads as closed even when it is also full.
 *
 * The window is half-open, [bookingOpensAt, bookingClosesAt ?? startsAt): booking opens
 * at exactly the opening instant and is closed at exactly the closing instant. An explicit
 * bookingClosesAt is honoured even when it is after startsAt (staff may allow late
 * booking). An invalid date reads as closed.
 */
export function bookingState(
  performance: BookablePerformance,
  now: Date,
): BookingState {
  if (performance.bookingStatus === 'cancelled') {
    return BookingState.CANCELLED;
  }
  if (performance.bookingStatus !== 'open') {
    return BookingState.CLOSED;
  }
  const closesAt = performance.bookingClosesAt ?? performance.startsAt;
  if (
    !isValidDate(now) ||
    !isValidDate(closesAt) ||
    (performance.bookingOpensAt !== null &&
      !isValidDate(performance.bookingOpensAt))
  ) {
    return BookingState.CLOSED;
  }
  const t = now.getTime();
  if (
    performance.bookingOpensAt !== null &&
    t < performance.bookingOpensAt.getTime()
  ) {
    return BookingState.CLOSED;
  }
  if (t >= closesAt.getTime()) {
    return BookingState.CLOSED;
  }
  if (!(performance.seatsAvailable > 0)) {
    return BookingState.SOLD_OUT;
  }
  return BookingState.OPEN;
}

/**
 * Whether a party may be booked: a whole number from 1 to maxPartySize that fits in the
 * seats available now. An out-of-range party is a validation error (400) and a party
 * that does not fit is SOLD_OUT (409); the caller tells them apart with
 * isValidPartySize.
 */
export function fitsParty(
  partySize: number,
  available: number,
  maxPartySize: number,
): boolean {
  return (
    isValidPartySize(partySize, maxPartySize) &&
    Number.isFinite(available) &&
    partySize <= available
  );
}

export function isValidPartySize(
  partySize: number,
  maxPartySize: number,
): boolean {
  return (
    Number.isSafeInteger(partySize) &&
    partySize >= 1 &&
    Number.isFinite(maxPartySize) &&
    partySize <= maxPartySize
  );
}
