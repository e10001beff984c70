import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import { DomainError, TenantContext, notFound } from '@foyer/api/platform';
import { BookingState, bookingState, seatsAvailable } from './availability';
import { Performance } from './entities/performance.entity';

export interface PerformanceView {
  id: string;
  title: string;
  roomId: string;
  startsAt: string;
  endsAt: string;
  checkInOpensAt: string;
  bookingOpensAt: string | null;
  bookingClosesAt: string | null;
  bookingStatus: string;
  additionalSeats: number;
  manuallyOccupiedSeats: number;
  maxPartySize: number;
  capacity: number;
  confirmedSeats: number;
  seatsAvailable: number;
  bookingState: BookingState;
}

interface Row {
  id: string;
  capacity: number;
  confirmed_seats: number;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** Performances with their live availability: capacity + additional − occupied − confirmed. */
@Injectable()
export class PerformancesService {
  constructor(private readonly context: TenantContext) {}

  async views(
    performances: Performance[],
    now = new Date(),
  ): Promise<PerformanceView[]> {
    if (performances.length === 0) return [];
    const rows: Row[] = await this.context.manager.query(
      `SELECT p.id, r.capacity,
              COALESCE((SELECT sum(party_size) FROM reservation x WHERE x.performance_id = p.id AND x.status = 'confirmed'), 0)::int
                AS confirmed_seats
         FROM performance p JOIN room r ON r.id = p.room_id WHERE p.id = ANY($1::uuid[])`,
      [performances.map((p) => p.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return performances.map((p) => {
      const row = byId.get(p.id) as Row;
      const available = seatsAvailable({
        capacity: row.capacity,
        additionalSeats: p.additionalSeats,
        manuallyOccupiedSeats: p.manuallyOccupiedSeats,
        confirmedSeats: row.confirmed_seats,
      });
      return {
        id: p.id,
        title: p.title,
        roomId: p.roomId,
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        checkInOpensAt: p.checkInOpensAt.toISOString(),
        bookingOpensAt: iso(p.bookingOpensAt),
        bookingClosesAt: iso(p.bookingClosesAt),
        bookingStatus: p.bookingStatus,
        additionalSeats: p.additionalSeats,
        manuallyOccupiedSeats: p.manuallyOccupiedSeats,
        maxPartySize: p.maxPartySize,
        capacity: row.capacity,
        confirmedSeats: row.confirmed_seats,
        seatsAvailable: available,
        bookingState: bookingState(
          {
            bookingStatus: p.bookingStatus,
            bookingOpensAt: p.bookingOpensAt,
            bookingClosesAt: p.bookingClosesAt,
            startsAt: p.startsAt,
            seatsAvailable: available,
          },
          now,
        ),
      };
    });
  }

  async find(id: string): Promise<Performance> {
    const performance = await this.context.manager.findOneBy(Performance, {
      id,
    });
    if (!performance) {
      throw notFound('No performance has this id.');
    }
    return performance;
  }

  async requireRoom(roomId: string): Promise<void> {
    const rows = (await this.context.manager.query(
      'SELECT 1 FROM room WHERE id = $1',
      [roomId],
    )) as unknown[];
    if (rows.length === 0) {
      throw new DomainError(
        400,
        ErrorCode.VALIDATION_FAILED,
        'The room does not exist.',
        {
          errors: [{ field: 'roomId', message: 'does not exist' }],
        },
      );
    }
  }

  /** Database CHECK constraints guard the same rules; this answers them as field errors first. */
  validateTimes(
    p: Pick<
      Performance,
      | 'startsAt'
      | 'endsAt'
      | 'checkInOpensAt'
      | 'bookingOpensAt'
      | 'bookingClosesAt'
    >,
  ): void {
    const errors: { field: string; message: string }[] = [];
    if (p.endsAt <= p.startsAt)
      errors.push({ field: 'endsAt', message: 'must be after startsAt' });
    if (p.checkInOpensAt > p.endsAt)
      errors.push({
        field: 'checkInOpensAt',
        message: 'must not be after endsAt',
      });
    if (
      p.bookingOpensAt &&
      p.bookingClosesAt &&
      p.bookingClosesAt <= p.bookingOpensAt
    ) {
      errors.push({
        field: 'bookingClosesAt',
        message: 'must be after bookingOpensAt',
      });
    }
    if (errors.length > 0) {
      throw new DomainError(
        400,
        ErrorCode.VALIDATION_FAILED,
        'The times do not fit together.',
        { errors },
      );
    }
  }
}
