import {
  Row,
  integer,
  oneOf,
  optionalTimestamp,
  text,
  timestamp,
} from '@foyer/api/platform/database';
import { BOOKING_STATUSES, BookingStatus } from '@foyer/contracts';

/** One row of `performance`, as the domain sees it. */
export interface Performance {
  id: string;
  roomId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  checkInOpensAt: Date;
  /** Null: bookable as soon as the status is open. */
  bookingOpensAt: Date | null;
  /** Null: booking closes when the performance starts. */
  bookingClosesAt: Date | null;
  bookingStatus: BookingStatus;
  additionalSeats: number;
  manuallyOccupiedSeats: number;
  maxPartySize: number;
}

/** A performance before it has an id. */
export type NewPerformance = Omit<Performance, 'id'>;

/** The seat base of a performance: its room's capacity and its confirmed seats. */
export interface PerformanceSeats {
  id: string;
  capacity: number;
  confirmedSeats: number;
}

/** The select list `toPerformance` reads. */
export const PERFORMANCE_COLUMNS = [
  'id',
  'room_id',
  'title',
  'starts_at',
  'ends_at',
  'check_in_opens_at',
  'booking_opens_at',
  'booking_closes_at',
  'booking_status',
  'additional_seats',
  'manually_occupied_seats',
  'max_party_size',
].join(', ');

/** The one mapper of `performance` rows. */
export function toPerformance(row: Row): Performance {
  return {
    id: text(row, 'id'),
    roomId: text(row, 'room_id'),
    title: text(row, 'title'),
    startsAt: timestamp(row, 'starts_at'),
    endsAt: timestamp(row, 'ends_at'),
    checkInOpensAt: timestamp(row, 'check_in_opens_at'),
    bookingOpensAt: optionalTimestamp(row, 'booking_opens_at'),
    bookingClosesAt: optionalTimestamp(row, 'booking_closes_at'),
    bookingStatus: oneOf(row, 'booking_status', BOOKING_STATUSES),
    additionalSeats: integer(row, 'additional_seats'),
    manuallyOccupiedSeats: integer(row, 'manually_occupied_seats'),
    maxPartySize: integer(row, 'max_party_size'),
  };
}

/** A row of the seat-count aggregate (`PerformanceRepository.seatCounts`). */
export function toPerformanceSeats(row: Row): PerformanceSeats {
  return {
    id: text(row, 'id'),
    capacity: integer(row, 'capacity'),
    confirmedSeats: integer(row, 'confirmed_seats'),
  };
}
