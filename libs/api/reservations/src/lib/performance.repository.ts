import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
  bool,
  optionalText,
  rowsOf,
  text,
  timestamp,
} from '@foyer/api/platform/database';
import {
  NewPerformance,
  PERFORMANCE_COLUMNS,
  Performance,
  PerformanceSeats,
  toPerformance,
  toPerformanceSeats,
} from './performance';

/** What a transition needs of the show it locks. */
export interface LockedPerformance {
  id: string;
  title: string;
  startsAt: Date;
}

export type PerformanceChanges = Partial<Omit<Performance, 'id'>>;

/** Field → column of what an update may change (a fixed list: nothing else reaches the SQL). */
const COLUMN: Readonly<Record<keyof PerformanceChanges, string>> = {
  roomId: 'room_id',
  title: 'title',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  checkInOpensAt: 'check_in_opens_at',
  bookingOpensAt: 'booking_opens_at',
  bookingClosesAt: 'booking_closes_at',
  bookingStatus: 'booking_status',
  additionalSeats: 'additional_seats',
  manuallyOccupiedSeats: 'manually_occupied_seats',
  maxPartySize: 'max_party_size',
};

/** Where a page by start time continues: after this (starts_at, id). */
export interface PerformanceCursor {
  /** An ISO timestamp, as the cursor carries it. */
  startsAt: string;
  id: string;
}

/**
 * The one reader and writer of `performance`; every statement names the tenant as $1.
 * Every change to a performance's seat pool (a confirmation, a cancellation, a staff edit)
 * first takes this row's lock, so they are serial per performance and each recomputes
 * availability after taking it.
 */
@Injectable()
export class PerformanceRepository extends TenantScopedRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /**
   * Which tenant a public performance id belongs to: tenant-free, through the
   * `app_performance_tenant` definer function, which returns the id and nothing else.
   */
  tenantOf(id: string): Promise<string | null> {
    return this.context.withoutTenant(async (manager) => {
      const [row] = rowsOf(
        await manager.query('SELECT app_performance_tenant($1) AS id', [id]),
      );
      return row ? optionalText(row, 'id') : null;
    });
  }

  lockForUpdate(id: string): Promise<LockedPerformance | null> {
    return this.first(
      `SELECT id, title, starts_at FROM performance WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [id],
      (row) => ({
        id: text(row, 'id'),
        title: text(row, 'title'),
        startsAt: timestamp(row, 'starts_at'),
      }),
    );
  }

  /** Up to `limit` performances by start time (then id), after `after` if given. */
  page(after: PerformanceCursor | null, limit: number): Promise<Performance[]> {
    return this.select(
      `SELECT ${PERFORMANCE_COLUMNS} FROM performance
        WHERE tenant_id = $1
          AND ($2::timestamptz IS NULL OR (starts_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY starts_at, id LIMIT $4`,
      [after?.startsAt ?? null, after?.id ?? null, limit],
      toPerformance,
    );
  }

  /** Up to `limit` performances that end after `now`, soonest first. */
  upcoming(now: Date, limit: number): Promise<Performance[]> {
    return this.select(
      `SELECT ${PERFORMANCE_COLUMNS} FROM performance
        WHERE tenant_id = $1 AND ends_at > $2
        ORDER BY starts_at, id LIMIT $3`,
      [now, limit],
      toPerformance,
    );
  }

  find(id: string): Promise<Performance | null> {
    return this.first(
      `SELECT ${PERFORMANCE_COLUMNS} FROM performance WHERE tenant_id = $1 AND id = $2`,
      [id],
      toPerformance,
    );
  }

  /** The whole performance under its row lock (FOR UPDATE) until the transaction ends: staff edits. */
  findForUpdate(id: string): Promise<Performance | null> {
    return this.first(
      `SELECT ${PERFORMANCE_COLUMNS} FROM performance WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [id],
      toPerformance,
    );
  }

  /** Whether any performance takes place in the room. */
  async usesRoom(roomId: string): Promise<boolean> {
    const used = await this.first(
      `SELECT EXISTS (SELECT 1 FROM performance WHERE tenant_id = $1 AND room_id = $2) AS used`,
      [roomId],
      (row) => bool(row, 'used'),
    );
    return used ?? false;
  }

  /** The room must be the tenant's: the (tenant_id, room_id) foreign key refuses another's. */
  async insert(performance: NewPerformance): Promise<Performance> {
    const [inserted] = await this.select(
      `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at,
                                booking_opens_at, booking_closes_at, booking_status,
                                additional_seats, manually_occupied_seats, max_party_size)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING ${PERFORMANCE_COLUMNS}`,
      [
        performance.roomId,
        performance.title,
        performance.startsAt,
        performance.endsAt,
        performance.checkInOpensAt,
        performance.bookingOpensAt,
        performance.bookingClosesAt,
        performance.bookingStatus,
        performance.additionalSeats,
        performance.manuallyOccupiedSeats,
        performance.maxPartySize,
      ],
      toPerformance,
    );
    return inserted;
  }

  /** Changes exactly the given fields; null when the performance is not the tenant's. */
  update(id: string, changes: PerformanceChanges): Promise<Performance | null> {
    const set: string[] = [];
    const params: unknown[] = [id];
    for (const field of Object.keys(COLUMN) as (keyof PerformanceChanges)[]) {
      if (changes[field] !== undefined) {
        params.push(changes[field]);
        set.push(`${COLUMN[field]} = $${params.length + 1}`);
      }
    }
    set.push('updated_at = now()');
    return this.first(
      `UPDATE performance SET ${set.join(', ')} WHERE tenant_id = $1 AND id = $2
       RETURNING ${PERFORMANCE_COLUMNS}`,
      params,
      toPerformance,
    );
  }

  /**
   * Each performance's room capacity and confirmed seats (pending reservations hold
   * none), by id. Reads `reservation`, a table of this library, for the aggregate only.
   */
  async seatCounts(
    ids: readonly string[],
  ): Promise<Map<string, PerformanceSeats>> {
    const rows = await this.select(
      `SELECT p.id, r.capacity,
              COALESCE((SELECT sum(x.party_size) FROM reservation x
                         WHERE x.tenant_id = $1 AND x.performance_id = p.id
                           AND x.status = 'confirmed'), 0)::int AS confirmed_seats
         FROM performance p JOIN room r ON r.tenant_id = $1 AND r.id = p.room_id
        WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`,
      [ids],
      toPerformanceSeats,
    );
    return new Map(rows.map((row) => [row.id, row]));
  }
}
