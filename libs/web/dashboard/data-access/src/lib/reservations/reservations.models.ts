import {
  RESERVATION_STATUSES,
  ReservationStatus,
  StaffReservationView,
} from '@foyer/contracts';

export { RESERVATION_STATUSES };
export type { ReservationStatus };

export const isReservationStatus = (
  value: unknown,
): value is ReservationStatus =>
  typeof value === 'string' &&
  (RESERVATION_STATUSES as readonly string[]).includes(value);

/**
 * A reservation as staff with reservations:view see it (personal data included): the
 * API's own shape, from `@foyer/contracts`.
 */
export type StaffReservation = Readonly<StaffReservationView>;

/** Query of `GET /api/staff/performances/:id/reservations`; empty values are left out. */
export interface ReservationFilters {
  readonly q?: string;
  readonly status?: ReservationStatus;
}
