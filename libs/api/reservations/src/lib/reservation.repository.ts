import { Injectable } from '@nestjs/common';
import {
  BOOKING_STATUSES,
  BookingStatus,
  RESERVATION_STATUSES,
  ReservationStatus,
} from '@foyer/contracts';
import {
  Row,
  TenantContext,
  TenantScopedRepository,
  integer,
  oneOf,
  optionalTimestamp,
  rowsOf,
  text,
  timestamp,
} from '@foyer/api/platform/database';
import { Reservation, reservationColumns, toReservation } from './reservation';

export interface NewReservation {
  performanceId: string;
  reference: string;
  name: string;
  email: string;
  phone: string | null;
  notes: string | null;
  partySize: number;
}

export interface ReservationFilter {
  status?: ReservationStatus;
  /** Matches name, email or reference (case-insensitive, LIKE metacharacters literal). */
  search?: string;
  /** Keyset: strictly older than this (created_at, id). */
  before?: { createdAt: string; id: string };
}

/** A reservation with its performance's title and start, for the privacy export. */
export interface ReservationWithShow {
  reservation: Reservation;
  title: string;
  startsAt: Date;
}

/** What a confirmation decides with: the reservation's status and the show's seats. */
export interface ConfirmationFacts {
  status: ReservationStatus;
  performance: {
    id: string;
    title: string;
    startsAt: Date;
    bookingStatus: BookingStatus;
    bookingOpensAt: Date | null;
    bookingClosesAt: Date | null;
    additionalSeats: number;
    manuallyOccupiedSeats: number;
    maxPartySize: number;
    capacity: number;
    confirmedSeats: number;
  };
}

/** Door counts of one performance. */
export interface DoorCounts {
  confirmedParties: number;
  confirmedSeats: number;
  checkedInParties: number;
  checkedInSeats: number;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The `reservation` table: nothing else reads or writes it. Every statement names the
 * tenant (`tenant_id = $1`); the status changes are conditional updates that the
 * lifecycle runs under its locks, each answering whether it changed the row.
 */
@Injectable()
export class ReservationRepository extends TenantScopedRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  async insert(input: NewReservation): Promise<string> {
    const [id] = await this.select(
      `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, phone, notes, party_size)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        input.performanceId,
        input.reference,
        input.name,
        input.email,
        input.phone,
        input.notes,
        input.partySize,
      ],
      (row) => text(row, 'id'),
    );
    return id;
  }

  find(id: string): Promise<Reservation | null> {
    return this.first(
      `SELECT ${reservationColumns()} FROM reservation WHERE tenant_id = $1 AND id = $2`,
      [id],
      toReservation,
    );
  }

  /** The row, locked for this transaction (after the performance's lock: see the lifecycle). */
  lock(id: string): Promise<Reservation | null> {
    return this.first(
      `SELECT ${reservationColumns()} FROM reservation WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [id],
      toReservation,
    );
  }

  /** A page of one performance's reservations, newest first. */
  page(
    performanceId: string,
    filter: ReservationFilter,
    limit: number,
  ): Promise<Reservation[]> {
    const params: unknown[] = [performanceId];
    const where = ['tenant_id = $1', 'performance_id = $2'];
    const next = (value: unknown) => {
      params.push(value);
      return `$${params.length + 1}`;
    };
    if (filter.status) {
      where.push(`status = ${next(filter.status)}`);
    }
    if (filter.search) {
      const n = next(`%${escapeLike(filter.search)}%`);
      where.push(
        `(name ILIKE ${n} OR email ILIKE ${n} OR reference ILIKE ${n})`,
      );
    }
    if (filter.before) {
      where.push(
        `(created_at, id) < (${next(filter.before.createdAt)}::timestamptz, ${next(filter.before.id)}::uuid)`,
      );
    }
    return this.select(
      `SELECT ${reservationColumns()} FROM reservation WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT ${next(limit)}`,
      params,
      toReservation,
    );
  }

  /** The reservations of one address not yet anonymised, oldest first, with their show. */
  ofEmail(email: string): Promise<ReservationWithShow[]> {
    return this.select(
      `SELECT ${reservationColumns('r')}, p.title, p.starts_at
         FROM reservation r JOIN performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
        WHERE r.tenant_id = $1 AND lower(r.email) = lower($2) AND r.anonymised_at IS NULL
        ORDER BY r.created_at, r.id`,
      [email],
      (row: Row) => ({
        reservation: toReservation(row),
        title: text(row, 'title'),
        startsAt: timestamp(row, 'starts_at'),
      }),
    );
  }

  /** The same reservations, locked (in id order, so two erasures cannot deadlock). */
  lockOfEmail(email: string): Promise<Reservation[]> {
    return this.select(
      `SELECT ${reservationColumns()} FROM reservation
        WHERE tenant_id = $1 AND lower(email) = lower($2) AND anonymised_at IS NULL
        ORDER BY id FOR UPDATE`,
      [email],
      toReservation,
    );
  }

  /** pending → confirmed; false when it was not pending any more. */
  async markConfirmed(id: string): Promise<boolean> {
    const changed = await this.execute(
      `UPDATE reservation SET status = 'confirmed', confirmed_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [id],
    );
    return changed > 0;
  }

  /** → cancelled, once; the time, or null when it was cancelled already. */
  async markCancelled(id: string): Promise<Date | null> {
    const [at] = await this.select(
      `UPDATE reservation SET status = 'cancelled', cancelled_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status <> 'cancelled' RETURNING cancelled_at`,
      [id],
      (row) => timestamp(row, 'cancelled_at'),
    );
    return at ?? null;
  }

  /** Admission, once: the time, or null when it was not confirmed or already in. */
  async markCheckedIn(
    id: string,
    staffId: string,
    nonce: string | null,
  ): Promise<Date | null> {
    const [at] = await this.select(
      `UPDATE reservation SET checked_in_at = now(), checked_in_by = $3, check_in_nonce = $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'confirmed' AND checked_in_at IS NULL
        RETURNING checked_in_at`,
      [id, staffId, nonce],
      (row) => timestamp(row, 'checked_in_at'),
    );
    return at ?? null;
  }

  /** Reverts an admission; false when there was none. */
  async clearCheckIn(id: string): Promise<boolean> {
    const changed = await this.execute(
      `UPDATE reservation SET checked_in_at = NULL, checked_in_by = NULL, check_in_nonce = NULL
        WHERE tenant_id = $1 AND id = $2 AND checked_in_at IS NOT NULL`,
      [id],
    );
    return changed > 0;
  }

  /** Erases the personal fields of these reservations; how many changed. */
  anonymise(ids: readonly string[]): Promise<number> {
    return this.execute(
      `UPDATE reservation SET ${ANONYMISED}
        WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND anonymised_at IS NULL`,
      [ids],
    );
  }

  /** Retention: anonymises reservations of performances that ended `retentionDays` ago. */
  anonymiseEndedBefore(retentionDays: number): Promise<number> {
    return this.execute(
      `UPDATE reservation r SET ${ANONYMISED}
         FROM performance p
        WHERE r.tenant_id = $1 AND p.tenant_id = $1 AND p.id = r.performance_id
          AND r.anonymised_at IS NULL
          AND p.ends_at < now() - make_interval(days => $2)`,
      [retentionDays],
    );
  }

  /**
   * Tenants holding reservations past their retention: tenant-free, through the
   * `app_tenants_due_for_anonymisation` definer function, which returns ids only.
   */
  tenantsDueForAnonymisation(): Promise<string[]> {
    return this.context.withoutTenant(async (manager) =>
      rowsOf(
        await manager.query('SELECT app_tenants_due_for_anonymisation() AS id'),
      ).map((row) => text(row, 'id')),
    );
  }

  /** The reservation's status and its performance's availability, in one statement. */
  confirmationFacts(id: string): Promise<ConfirmationFacts | null> {
    return this.first(
      `SELECT r.status, p.id, p.title, p.starts_at, p.booking_status, p.booking_opens_at,
              p.booking_closes_at, p.additional_seats, p.manually_occupied_seats,
              p.max_party_size, rm.capacity,
              COALESCE((SELECT sum(x.party_size) FROM reservation x
                         WHERE x.tenant_id = $1 AND x.performance_id = p.id AND x.status = 'confirmed'), 0)::int
                AS confirmed_seats
         FROM reservation r
         JOIN performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
         JOIN room rm ON rm.tenant_id = p.tenant_id AND rm.id = p.room_id
        WHERE r.tenant_id = $1 AND r.id = $2`,
      [id],
      (row) => ({
        status: oneOf(row, 'status', RESERVATION_STATUSES),
        performance: {
          id: text(row, 'id'),
          title: text(row, 'title'),
          startsAt: timestamp(row, 'starts_at'),
          bookingStatus: oneOf(row, 'booking_status', BOOKING_STATUSES),
          bookingOpensAt: optionalTimestamp(row, 'booking_opens_at'),
          bookingClosesAt: optionalTimestamp(row, 'booking_closes_at'),
          additionalSeats: integer(row, 'additional_seats'),
          manuallyOccupiedSeats: integer(row, 'manually_occupied_seats'),
          maxPartySize: integer(row, 'max_party_size'),
          capacity: integer(row, 'capacity'),
          confirmedSeats: integer(row, 'confirmed_seats'),
        },
      }),
    );
  }

  /** Door counts of one performance of this tenant, or null when it has none of that id. */
  doorCounts(performanceId: string): Promise<DoorCounts | null> {
    return this.first(
      `SELECT
         count(r.id) FILTER (WHERE r.status = 'confirmed')::int AS confirmed_parties,
         COALESCE(sum(r.party_size) FILTER (WHERE r.status = 'confirmed'), 0)::int AS confirmed_seats,
         count(r.id) FILTER (WHERE r.status = 'confirmed' AND r.checked_in_at IS NOT NULL)::int AS checked_in_parties,
         COALESCE(sum(r.party_size) FILTER (WHERE r.status = 'confirmed' AND r.checked_in_at IS NOT NULL), 0)::int
           AS checked_in_seats
         FROM performance p
         LEFT JOIN reservation r ON r.tenant_id = p.tenant_id AND r.performance_id = p.id
        WHERE p.tenant_id = $1 AND p.id = $2
        GROUP BY p.id`,
      [performanceId],
      (row) => ({
        confirmedParties: integer(row, 'confirmed_parties'),
        confirmedSeats: integer(row, 'confirmed_seats'),
        checkedInParties: integer(row, 'checked_in_parties'),
        checkedInSeats: integer(row, 'checked_in_seats'),
      }),
    );
  }
}

/**
 * What anonymising means: the personal fields go, the booking stays (reference, party
 * size, status, times), so seat counts, door counts and the audit trail keep adding up.
 */
const ANONYMISED = `name = '', email = '', phone = NULL, notes = NULL, anonymised_at = now()`;
