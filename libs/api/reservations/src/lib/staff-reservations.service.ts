import { Injectable } from '@nestjs/common';
import { ErrorCode, Page, ReservationStatus } from '@foyer/contracts';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
} from '@foyer/api/platform/paging';
import { AuditLog } from '@foyer/api/audit';
import { TenantDirectory } from '@foyer/api/tenants';
import { PerformanceRepository } from './performance.repository';
import { PerformancesService } from './performances.service';
import { ReservationLifecycle } from './reservation-lifecycle.service';
import { ReservationRepository } from './reservation.repository';
import { ReservationTokens } from './reservation-tokens.service';
import { StaffReservationView, reservationView } from './reservation-view';

export interface ReservationListQuery {
  status?: ReservationStatus;
  q?: string;
  cursor?: string;
  limit?: number;
}

const CURSOR = /^\d{4}-\d\d-\d\dT[\d:.]+Z\n[0-9a-f-]{36}$/;

/** The staff side of reservations: the list, cancel, and a new ticket. */
@Injectable()
export class StaffReservationsService {
  constructor(
    private readonly performances: PerformancesService,
    private readonly performanceRows: PerformanceRepository,
    private readonly reservations: ReservationRepository,
    private readonly lifecycle: ReservationLifecycle,
    private readonly tokens: ReservationTokens,
    private readonly directory: TenantDirectory,
    private readonly audit: AuditLog,
  ) {}

  /** Newest first; `q` searches name, email and reference; `status` filters. */
  async list(
    performanceId: string,
    query: ReservationListQuery,
  ): Promise<Page<StaffReservationView>> {
    await this.performances.find(performanceId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // A cursor that does not decode starts before everything: an empty page.
    const before =
      query.cursor === undefined
        ? undefined
        : (decodeCursor(query.cursor, CURSOR)?.split('\n') ?? [
            '0001-01-01T00:00:00.000Z',
            '00000000-0000-0000-0000-000000000000',
          ]);
    const rows = await this.reservations.page(
      performanceId,
      {
        status: query.status,
        search: query.q,
        before: before && { createdAt: before[0], id: before[1] },
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(reservationView),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(`${last.createdAt.toISOString()}\n${last.id}`)
          : null,
    };
  }

  /** Seats return to the pool once; a repeat answers the same. */
  async cancel(
    id: string,
    actor: { actorId: string | null; requestId: string },
  ): Promise<StaffReservationView> {
    return reservationView(await this.lifecycle.cancel(id, 'staff', actor));
  }

  /** A new check-in token (the old QR stops working) and cancel link, emailed to the visitor. */
  async resendTicket(
    id: string,
    actor: { actorId: string | null; requestId: string },
  ): Promise<StaffReservationView> {
    const existing = await this.reservations.find(id);
    if (!existing) {
      throw notFound('No reservation has this id.');
    }
    // The performance lock first, as confirmation does, then the reservation's.
    const show = await this.performanceRows.lockForUpdate(
      existing.performanceId,
    );
    const reservation = await this.reservations.lock(id);
    if (!show || !reservation) {
      throw notFound('No reservation has this id.');
    }
    if (reservation.status !== 'confirmed') {
      throw new DomainError(
        ErrorCode.NOT_CONFIRMED,
        'Only a confirmed booking has a ticket.',
      );
    }
    if (reservation.anonymisedAt) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        'The visitor’s personal data was erased: there is no address to send to.',
      );
    }
    await this.tokens.revoke(id, ['checkin', 'cancel']);
    await this.tokens.sendTicket({
      reservationId: id,
      email: reservation.email,
      reference: reservation.reference,
      partySize: reservation.partySize,
      title: show.title,
      startsAt: show.startsAt,
      venue: (await this.directory.current()).name,
    });
    await this.audit.record({
      action: 'reservation.ticket_resent',
      actorId: actor.actorId,
      targetType: 'reservation',
      targetId: id,
      requestId: actor.requestId,
    });
    return reservationView(reservation);
  }
}
