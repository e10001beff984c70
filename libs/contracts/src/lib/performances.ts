import * as z from 'zod/mini';
import { count, identifier, isoTime } from './wire';

/** A room of the venue (`/api/staff/rooms`). */
export const Room = z.object({
  id: identifier,
  name: z.string(),
  capacity: count,
});
export type Room = z.infer<typeof Room>;

/** Body of `POST /api/staff/rooms`; `PATCH` takes any part of it. */
export interface RoomRequest {
  name: string;
  capacity: number;
}

/**
 * Whether a performance takes bookings (docs/architecture.md, State machines): staff set
 * `open`, `closed` or `cancelled`; the public answer adds `sold_out`, derived from
 * availability and never stored.
 */
export const BookingState = {
  OPEN: 'open',
  CLOSED: 'closed',
  SOLD_OUT: 'sold_out',
  CANCELLED: 'cancelled',
} as const;
export type BookingState = (typeof BookingState)[keyof typeof BookingState];
export const BOOKING_STATES: readonly BookingState[] =
  Object.values(BookingState);

/** What staff may set; `sold_out` is computed by the API, never set. */
export const BOOKING_STATUSES = [
  BookingState.OPEN,
  BookingState.CLOSED,
  BookingState.CANCELLED,
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** A performance as staff read it (`/api/staff/performances`), with its live availability. */
export const StaffPerformance = z.object({
  id: identifier,
  title: z.string(),
  roomId: identifier,
  startsAt: isoTime,
  endsAt: isoTime,
  checkInOpensAt: isoTime,
  /** Null: bookable as soon as the status is open. */
  bookingOpensAt: z.nullable(isoTime),
  /** Null: booking closes when the performance starts. */
  bookingClosesAt: z.nullable(isoTime),
  bookingStatus: z.enum(BOOKING_STATUSES),
  additionalSeats: count,
  manuallyOccupiedSeats: count,
  maxPartySize: count,
  capacity: count,
  confirmedSeats: count,
  seatsAvailable: count,
});
export type StaffPerformance = z.infer<typeof StaffPerformance>;

/** Body of `POST /api/staff/performances`; `PATCH` takes any part of it. */
export interface PerformanceRequest {
  title: string;
  roomId: string;
  startsAt: string;
  endsAt: string;
  /** Left out: the doors open an hour before the start. */
  checkInOpensAt?: string;
  bookingOpensAt?: string | null;
  bookingClosesAt?: string | null;
  bookingStatus?: BookingStatus;
  additionalSeats?: number;
  manuallyOccupiedSeats?: number;
  maxPartySize?: number;
}
