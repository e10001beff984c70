import { int, record, stringOrNull } from '../paging/json';

export const RESERVATION_STATUSES = [
  'pending',
  'confirmed',
  'cancelled',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export const isReservationStatus = (
  value: unknown,
): value is ReservationStatus =>
  typeof value === 'string' &&
  (RESERVATION_STATUSES as readonly string[]).includes(value);

/** A reservation as staff with reservations:view see it (personal data included). */
export interface StaffReservation {
  readonly id: string;
  readonly reference: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly notes: string | null;
  readonly partySize: number;
  readonly status: ReservationStatus;
  readonly createdAt: string;
  readonly confirmedAt: string | null;
  readonly cancelledAt: string | null;
  readonly checkedInAt: string | null;
}

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
  };
}
