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

/** A reservation as staff see it (the staff list, the privacy export). */
export interface StaffReservationView {
  id: string;
  reference: string;
  name: string;
  email: string;
  phone: string | null;
  notes: string | null;
  partySize: number;
  status: ReservationStatus;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  checkedInAt: string | null;
  /** Set once the personal fields were erased (on request or by retention). */
  anonymisedAt: string | null;
}
