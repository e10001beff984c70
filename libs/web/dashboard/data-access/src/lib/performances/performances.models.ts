import { int, record, stringOrNull } from '../paging/json';

/** What staff may set; `sold_out` is computed by the API, never set. */
export const BOOKING_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const isBookingStatus = (value: unknown): value is BookingStatus =>
  typeof value === 'string' &&
  (BOOKING_STATUSES as readonly string[]).includes(value);

/** The fields staff edit (`POST`/`PATCH /api/staff/performances`); times are ISO-8601 UTC. */
export interface PerformanceInput {
  readonly title: string;
  readonly roomId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  /** Left out on create: the API opens the doors an hour before the start. */
  readonly checkInOpensAt?: string;
  readonly bookingOpensAt: string | null;
  readonly bookingClosesAt: string | null;
  readonly bookingStatus: BookingStatus;
  readonly additionalSeats: number;
  readonly manuallyOccupiedSeats: number;
  readonly maxPartySize: number;
}

/** A performance as staff read it, with its live availability. */
export interface Performance extends PerformanceInput {
  readonly id: string;
  readonly checkInOpensAt: string;
  readonly capacity: number;
  readonly confirmedSeats: number;
  readonly seatsAvailable: number;
}

export function parsePerformance(value: unknown): Performance | null {
  const raw = record(value);
  const id = raw?.['id'];
  const title = raw?.['title'];
  const roomId = raw?.['roomId'];
  const startsAt = raw?.['startsAt'];
  const endsAt = raw?.['endsAt'];
  const bookingStatus = raw?.['bookingStatus'];
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof roomId !== 'string' ||
    typeof startsAt !== 'string' ||
    typeof endsAt !== 'string'
  ) {
    return null;
  }
  return {
    id,
    title,
    roomId,
    startsAt,
    endsAt,
    checkInOpensAt: stringOrNull(raw?.['checkInOpensAt']) ?? startsAt,
    bookingOpensAt: stringOrNull(raw?.['bookingOpensAt']),
    bookingClosesAt: stringOrNull(raw?.['bookingClosesAt']),
    bookingStatus: isBookingStatus(bookingStatus) ? bookingStatus : 'closed',
    additionalSeats: int(raw?.['additionalSeats']),
    manuallyOccupiedSeats: int(raw?.['manuallyOccupiedSeats']),
    maxPartySize: int(raw?.['maxPartySize'], 1),
    capacity: int(raw?.['capacity']),
    confirmedSeats: int(raw?.['confirmedSeats']),
    seatsAvailable: int(raw?.['seatsAvailable']),
  };
}
