import { RESERVATION_STATUSES, ReservationStatus } from '@foyer/contracts';
import {
  Row,
  integer,
  oneOf,
  optionalText,
  optionalTimestamp,
  text,
  timestamp,
} from '@foyer/api/platform/database';

/** One row of `reservation`, as the domain sees it. */
export interface Reservation {
  id: string;
  performanceId: string;
  reference: string;
  name: string;
  email: string;
  phone: string | null;
  notes: string | null;
  partySize: number;
  status: ReservationStatus;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  checkInNonce: string | null;
  /** Set once the personal fields were erased (on request or by retention). */
  anonymisedAt: Date | null;
}

/** The select list `toReservation` reads, optionally qualified by a table alias. */
export const reservationColumns = (alias?: string): string =>
  [
    'id',
    'performance_id',
    'reference',
    'name',
    'email',
    'phone',
    'notes',
    'party_size',
    'status',
    'created_at',
    'confirmed_at',
    'cancelled_at',
    'checked_in_at',
    'checked_in_by',
    'check_in_nonce',
    'anonymised_at',
  ]
    .map((column) => (alias ? `${alias}.${column} AS ${column}` : column))
    .join(', ');

/** The one mapper of `reservation` rows. */
export function toReservation(row: Row): Reservation {
  return {
    id: text(row, 'id'),
    performanceId: text(row, 'performance_id'),
    reference: text(row, 'reference'),
    name: text(row, 'name'),
    email: text(row, 'email'),
    phone: optionalText(row, 'phone'),
    notes: optionalText(row, 'notes'),
    partySize: integer(row, 'party_size'),
    status: reservationStatus(row),
    createdAt: timestamp(row, 'created_at'),
    confirmedAt: optionalTimestamp(row, 'confirmed_at'),
    cancelledAt: optionalTimestamp(row, 'cancelled_at'),
    checkedInAt: optionalTimestamp(row, 'checked_in_at'),
    checkedInBy: optionalText(row, 'checked_in_by'),
    checkInNonce: optionalText(row, 'check_in_nonce'),
    anonymisedAt: optionalTimestamp(row, 'anonymised_at'),
  };
}

export const reservationStatus = (row: Row, column = 'status') =>
  oneOf(row, column, RESERVATION_STATUSES);
