import {
  BOOKING_STATUSES,
  BookingStatus,
  PerformanceRequest,
  StaffPerformance,
} from '@foyer/contracts';

/** What staff may set; `sold_out` is computed by the API, never set. */
export { BOOKING_STATUSES };
export type { BookingStatus };

/**
 * What the editor sends (`POST`/`PATCH /api/staff/performances`): every field of the
 * request, times ISO-8601 UTC; `checkInOpensAt` left out on create opens the doors an hour
 * before the start.
 */
export type PerformanceInput = Readonly<
  Required<Omit<PerformanceRequest, 'checkInOpensAt'>> &
    Pick<PerformanceRequest, 'checkInOpensAt'>
>;

/** A performance as staff read it, with its live availability. */
export type Performance = Readonly<StaffPerformance>;
