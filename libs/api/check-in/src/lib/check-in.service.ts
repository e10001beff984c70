import { Injectable, Logger } from '@nestjs/common';
import {
  CheckInPreview,
  CheckInState,
  CheckInStats,
  CheckedIn,
  DoorReservation,
  ErrorCode,
  RealtimeEvent,
} from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { Realtime } from '@foyer/api/realtime';
import {
  DoorReservations,
  TokenHolder,
  tokenInvalid,
} from '@foyer/api/reservations';
import { checkInState } from './check-in-state';
import {
  ConfirmCheckInDto,
  PreviewCheckInDto,
  UndoCheckInDto,
} from './dto/check-in.dto';

/** What the door sees of a reservation: no name, email, phone or notes. */
const door = ({ reservation, performance }: TokenHolder): DoorReservation => ({
  reference: reservation.reference,
  partySize: reservation.partySize,
  performance: {
    id: performance.id,
    title: performance.title,
    startsAt: performance.startsAt.toISOString(),
  },
});

const stateOf = (
  { reservation, performance, now }: TokenHolder,
  expectedPerformanceId: string | undefined,
) =>
  checkInState({
    reservationStatus: reservation.status,
    checkedInAt: reservation.checkedInAt,
    performanceId: performance.id,
    expectedPerformanceId,
    checkInOpensAt: performance.checkInOpensAt,
    endsAt: performance.endsAt,
    now,
  });

/** How long a door-count recount waits for more admissions to share it. */
export const STATS_COALESCE_MS = 50;

/**
 * Admission at the door (docs/architecture.md: domain rule 4, State machines). A token resolves only to a
 * live check-in token of the caller's tenant (keyed hash, purpose bound in, not revoked),
 * so another tenant's token, a confirmation or cancel token and an unknown one all read
 * TOKEN_INVALID. Confirm is a conditional UPDATE: concurrent scans queue on the row and
 * all but the first find it already checked in.
 */
@Injectable()
export class CheckInService {
  private readonly logger = new Logger(CheckInService.name);
  private readonly recounts = new Map<
    string,
    'scheduled' | 'running' | 'dirty'
  >();

  constructor(
    private readonly context: TenantContext,
    private readonly reservations: DoorReservations,
    private readonly realtime: Realtime,
  ) {}

  /** Nothing changes. Runs in the request's tenant transaction. */
  async preview(dto: PreviewCheckInDto): Promise<CheckInPreview> {
    const ticket = await this.reservations.ticket(dto.token);
    if (!ticket) {
      return { state: CheckInState.TOKEN_INVALID };
    }
    const state = stateOf(ticket, dto.performanceId);
    const checkedInAt = ticket.reservation.checkedInAt;
    return {
      state,
      reservation: door(ticket),
      ...(state === CheckInState.ALREADY_CHECKED_IN && checkedInAt
        ? { checkedInAt: checkedInAt.toISOString() }
        : {}),
    };
  }

  /** Exactly once; a retry with the first scan's nonce gets the first answer again. */
  async confirm(
    tenantId: string,
    dto: ConfirmCheckInDto,
    staffId: string,
    requestId: string,
  ): Promise<CheckedIn> {
    const { result, changed } = await this.context.run(tenantId, async () => {
      const ticket = await this.reservations.ticket(dto.token);
      if (!ticket) {
        throw tokenInvalid();
      }
      if (stateOf(ticket, dto.performanceId) === CheckInState.VALID) {
        const at = await this.reservations.checkIn(
          ticket.reservation,
          { staffId, nonce: dto.nonce ?? null },
          { actorId: staffId, requestId },
        );
        if (at) {
          return { result: checkedIn(ticket, at), changed: true };
        }
        // A concurrent scan won: its commit is visible to this new statement.
        const current = await this.reservations.current(ticket.reservation.id);
        if (current) {
          ticket.reservation = current;
        }
      }
      const state = stateOf(ticket, dto.performanceId);
      const { checkedInAt, checkInNonce } = ticket.reservation;
      if (state === CheckInState.ALREADY_CHECKED_IN && checkedInAt) {
        if (dto.nonce !== undefined && dto.nonce === checkInNonce) {
          return { result: checkedIn(ticket, checkedInAt), changed: false };
        }
        throw new DomainError(
          ErrorCode.ALREADY_CHECKED_IN,
          'This ticket has already been checked in.',
          {
            extensions: { state, checkedInAt: checkedInAt.toISOString() },
          },
        );
      }
      // Every refused state is its own 409 code; a ticket still VALID here lost its
      // admission to a concurrent change the re-read could not see: a plain conflict.
      const code = state === CheckInState.VALID ? ErrorCode.CONFLICT : state;
      throw new DomainError(
        code,
        REFUSALS[state] ?? 'This ticket cannot be checked in.',
        { extensions: { state } },
      );
    });
    if (changed) {
      this.publish(tenantId, result.reservation.performance.id);
    }
    return result;
  }

  /** Reverts a mistaken check-in; audited with the staff member's reason. */
  async undo(
    tenantId: string,
    dto: UndoCheckInDto,
    staffId: string,
    requestId: string,
  ): Promise<CheckInPreview> {
    const result = await this.context.run(tenantId, async () => {
      const ticket = await this.reservations.ticket(dto.token);
      if (!ticket) {
        throw tokenInvalid();
      }
      await this.reservations.undoCheckIn(ticket.reservation, dto.reason, {
        actorId: staffId,
        requestId,
      });
      ticket.reservation = { ...ticket.reservation, checkedInAt: null };
      return { state: stateOf(ticket, undefined), reservation: door(ticket) };
    });
    this.publish(tenantId, result.reservation.performance.id);
    return result;
  }

  /** Door counts of one performance of the current tenant; 404 for any other id. */
  async stats(performanceId: string): Promise<CheckInStats> {
    const counts = await this.reservations.counts(performanceId);
    if (!counts) {
      throw notFound('No performance has this id.');
    }
    return { performanceId, ...counts };
  }

  /** After commit: fresh counts to the tenant's staff room. Never fails the request. */
  /**
   * Door counts go to the tenant's staff room after each change, coalesced per
   * performance: at a full-house door, dozens of admissions a second share one recount
   * instead of each running its own. The last change is always followed by a recount.
   */
  private publish(tenantId: string, performanceId: string): void {
    const state = this.recounts.get(performanceId);
    if (state === 'scheduled' || state === 'dirty') {
      return;
    }
    if (state === 'running') {
      this.recounts.set(performanceId, 'dirty');
      return;
    }
    this.recounts.set(performanceId, 'scheduled');
    setTimeout(
      () => this.recount(tenantId, performanceId),
      STATS_COALESCE_MS,
    ).unref();
  }

  private recount(tenantId: string, performanceId: string): void {
    this.recounts.set(performanceId, 'running');
    this.context
      .run(tenantId, () => this.stats(performanceId))
      .then((stats) =>
        this.realtime.toStaff(tenantId, RealtimeEvent.CheckInUpdated, stats),
      )
      .catch((error: unknown) =>
        this.logger.warn({
          event: 'checkin_stats_failed',
          error: error instanceof Error ? error.name : 'unknown',
        }),
      )
      .finally(() => {
        const again = this.recounts.get(performanceId) === 'dirty';
        this.recounts.delete(performanceId);
        if (again) {
          this.publish(tenantId, performanceId);
        }
      });
  }
}

function checkedIn(ticket: TokenHolder, at: Date): CheckedIn {
  return {
    state: CheckInState.CHECKED_IN,
    reservation: door(ticket),
    checkedInAt: at.toISOString(),
  };
}

const REFUSALS: Partial<Record<CheckInState, string>> = {
  NOT_CONFIRMED: 'This booking was never confirmed.',
  CANCELLED: 'This booking has been cancelled.',
  WRONG_PERFORMANCE: 'This ticket is for another performance.',
  OUTSIDE_WINDOW: 'Check-in for this performance is not open.',
};
