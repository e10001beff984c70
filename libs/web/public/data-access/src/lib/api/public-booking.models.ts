/**
 * Shapes of the public booking API, declared once in `@foyer/contracts` (the API's views
 * implement them; this client reads answers with their schemas).
 */
export type {
  BookingAccepted,
  BookingRequest,
  CancelResult,
  ConfirmResult,
  PerformanceSummary,
  PublicPerformance,
  PublicVenue,
  Ticket,
} from '@foyer/contracts';

/** Whether a performance takes bookings, `sold_out` included. */
export type { BookingState as BookingStatus } from '@foyer/contracts';
