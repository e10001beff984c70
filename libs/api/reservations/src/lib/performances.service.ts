import { Injectable } from '@nestjs/common';
import {
  BookingState,
  ErrorCode,
  Page,
  StaffPerformance,
} from '@foyer/contracts';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { definedFields } from '@foyer/api/platform/http';
import { decodeCursor, encodeCursor } from '@foyer/api/platform/paging';
import { AuditLog } from '@foyer/api/audit';
import { bookingState, seatsAvailable } from './availability';
import {
  CreatePerformanceDto,
  UpdatePerformanceDto,
} from './dto/performance.dto';
import { NewPerformance, Performance } from './performance';
import {
  PerformanceChanges,
  PerformanceCursor,
  PerformanceRepository,
} from './performance.repository';
import { RoomRepository } from './room.repository';
import { Actor } from './rooms.service';

/** A performance as staff read it (the contract's shape), with the public booking state. */
export interface PerformanceView extends StaffPerformance {
  bookingState: BookingState;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const date = (value: string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value);
const HOUR = 60 * 60 * 1000;
const CURSOR = /^\d{4}-\d\d-\d\dT[\d:.]+Z\n[0-9a-f-]{36}$/;
/** A cursor that does not decode continues after everything: an empty page. */
const PAST_EVERYTHING: PerformanceCursor = {
  startsAt: '9999-12-31T00:00:00.000Z',
  id: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
};
/** How many upcoming performances a venue's public page lists. */
const UPCOMING_LIMIT = 100;

/** Performances with their live availability: capacity + additional − occupied − confirmed. */
@Injectable()
export class PerformancesService {
  constructor(
    private readonly performances: PerformanceRepository,
    private readonly rooms: RoomRepository,
    private readonly audit: AuditLog,
  ) {}

  async views(
    performances: Performance[],
    now = new Date(),
  ): Promise<PerformanceView[]> {
    if (performances.length === 0) return [];
    const seats = await this.performances.seatCounts(
      performances.map((p) => p.id),
    );
    return performances.map((p) => {
      const counted = seats.get(p.id);
      if (!counted) {
        throw new Error(`performance ${p.id} has no seat count`);
      }
      const available = seatsAvailable({
        capacity: counted.capacity,
        additionalSeats: p.additionalSeats,
        manuallyOccupiedSeats: p.manuallyOccupiedSeats,
        confirmedSeats: counted.confirmedSeats,
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
        capacity: counted.capacity,
        confirmedSeats: counted.confirmedSeats,
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

  /** One performance with its availability; 404 if it is not the tenant's. */
  async view(id: string): Promise<PerformanceView> {
    return (await this.views([await this.find(id)]))[0];
  }

  /** By start time, soonest first, then id. */
  async list(limit: number, cursor?: string): Promise<Page<PerformanceView>> {
    const decoded = decodeCursor(cursor, CURSOR)?.split('\n');
    const after =
      cursor === undefined
        ? null
        : decoded
          ? { startsAt: decoded[0], id: decoded[1] }
          : PAST_EVERYTHING;
    const rows = await this.performances.page(after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.views(page),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(`${last.startsAt.toISOString()}\n${last.id}`)
          : null,
    };
  }

  /** The performances that have not ended yet, soonest first (a venue's public programme). */
  upcoming(now = new Date()): Promise<Performance[]> {
    return this.performances.upcoming(now, UPCOMING_LIMIT);
  }

  async find(id: string): Promise<Performance> {
    const performance = await this.performances.find(id);
    if (!performance) {
      throw notFound('No performance has this id.');
    }
    return performance;
  }

  async create(
    input: CreatePerformanceDto,
    actor: Actor,
  ): Promise<PerformanceView> {
    await this.requireRoom(input.roomId);
    const startsAt = new Date(input.startsAt);
    const performance: NewPerformance = {
      roomId: input.roomId,
      title: input.title,
      startsAt,
      endsAt: new Date(input.endsAt),
      checkInOpensAt: input.checkInOpensAt
        ? new Date(input.checkInOpensAt)
        : new Date(startsAt.getTime() - HOUR),
      bookingOpensAt: date(input.bookingOpensAt),
      bookingClosesAt: date(input.bookingClosesAt),
      bookingStatus: input.bookingStatus ?? 'closed',
      additionalSeats: input.additionalSeats ?? 0,
      manuallyOccupiedSeats: input.manuallyOccupiedSeats ?? 0,
      maxPartySize: input.maxPartySize ?? 6,
    };
    this.validateTimes(performance);
    const created = await this.performances.insert(performance);
    await this.record('performance.created', created.id, actor);
    return (await this.views([created]))[0];
  }

  /** Takes the performance's row lock first: the edit is ordered with concurrent confirmations (seat counts). */
  async update(
    id: string,
    input: UpdatePerformanceDto,
    actor: Actor,
  ): Promise<PerformanceView> {
    const current = await this.performances.findForUpdate(id);
    if (!current) {
      throw notFound('No performance has this id.');
    }
    if (input.roomId !== undefined) await this.requireRoom(input.roomId);
    const fields = definedFields(input);
    const changes: PerformanceChanges = {
      roomId: fields.roomId,
      title: fields.title,
      bookingStatus: fields.bookingStatus,
      additionalSeats: fields.additionalSeats,
      manuallyOccupiedSeats: fields.manuallyOccupiedSeats,
      maxPartySize: fields.maxPartySize,
      startsAt:
        fields.startsAt === undefined ? undefined : new Date(fields.startsAt),
      endsAt: fields.endsAt === undefined ? undefined : new Date(fields.endsAt),
      checkInOpensAt:
        fields.checkInOpensAt === undefined
          ? undefined
          : new Date(fields.checkInOpensAt),
      bookingOpensAt:
        fields.bookingOpensAt === undefined
          ? undefined
          : date(fields.bookingOpensAt),
      bookingClosesAt:
        fields.bookingClosesAt === undefined
          ? undefined
          : date(fields.bookingClosesAt),
    };
    this.validateTimes({ ...current, ...definedFields(changes) });
    const updated = await this.performances.update(id, changes);
    if (!updated) {
      throw notFound('No performance has this id.');
    }
    await this.record('performance.updated', id, actor, {
      fields: Object.keys(fields).sort().join(','),
    });
    return (await this.views([updated]))[0];
  }

  async requireRoom(roomId: string): Promise<void> {
    if (!(await this.rooms.find(roomId))) {
      throw new DomainError(
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
        ErrorCode.VALIDATION_FAILED,
        'The times do not fit together.',
        { errors },
      );
    }
  }

  private record(
    action: string,
    id: string,
    actor: Actor,
    metadata?: Record<string, string>,
  ) {
    return this.audit.record({
      action,
      actorId: actor.actorId,
      targetType: 'performance',
      targetId: id,
      metadata,
      requestId: actor.requestId,
    });
  }
}
