import * as z from 'zod/mini';
import { count, identifier, isoTime } from './wire';

/**
 * A reservation's life (the reservations library's state machine): `pending` until its
 * confirmation link is used (holds no seats), `confirmed` (holds its party's seats, has a
 * ticket), `cancelled` (by the visitor, by staff, or by an erase of a pending booking;
 * its seats are back). Check-in and anonymisation are marks on a reservation, not states.
 */
export const ReservationStatus = {
  PENDING: 'pending',
  CONFIRMED: 'confirmed',
  CANCELLED: 'cancelled',
} as const;
export type ReservationStatus =
  (typeof ReservationStatus)[keyof typeof ReservationStatus];
export const RESERVATION_STATUSES: readonly ReservationStatus[] =
  Object.values(ReservationStatus);

/**
 * A reservation as staff see it (`GET /api/staff/performances/:id/reservations`, the staff
 * cancel and resend-ticket answers, the privacy export).
 */
export const StaffReservationView = z.object({
  id: identifier,
  reference: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.nullable(z.string()),
  notes: z.nullable(z.string()),
  partySize: count,
  status: z.enum(RESERVATION_STATUSES),
  createdAt: isoTime,
  confirmedAt: z.nullable(isoTime),
  cancelledAt: z.nullable(isoTime),
  checkedInAt: z.nullable(isoTime),
  /** Set once the personal fields were erased (on request or by retention). */
  anonymisedAt: z.nullable(isoTime),
});
export type StaffReservationView = z.infer<typeof StaffReservationView>;
