import {
  RESERVATION_STATUSES,
  ReservationStatus,
  StaffReservationView,
} from '@foyer/contracts';
import { int, record, stringOrNull } from '../paging/json';

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

export function parseStaffReservation(value: unknown): StaffReservation | null {
  const raw = record(value);
  const id = raw?.['id'];
  const reference = raw?.['reference'];
  const status = raw?.['status'];
  const createdAt = raw?.['createdAt'];
  if (
    typeof id !== 'string' ||
    typeof reference !== 'string' ||
    !isReservationStatus(status) ||
    typeof createdAt !== 'string'
  ) {
    return null;
  }
  return {
    id,
    reference,
    name: stringOrNull(raw?.['name']) ?? '',
    email: stringOrNull(raw?.['email']) ?? '',
    phone: stringOrNull(raw?.['phone']),
    notes: stringOrNull(raw?.['notes']),
    partySize: int(raw?.['partySize'], 1),
    status,
    createdAt,
    confirmedAt: stringOrNull(raw?.['confirmedAt']),
    cancelledAt: stringOrNull(raw?.['cancelledAt']),
    checkedInAt: stringOrNull(raw?.['checkedInAt']),
    anonymisedAt: stringOrNull(raw?.['anonymisedAt']),
  };
}
