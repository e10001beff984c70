import { Injectable, Logger } from '@nestjs/common';
import { CheckInStats, ErrorCode, RealtimeEvent } from '@foyer/contracts';
import { AuditLog } from '@foyer/api/audit';
import { DomainError, TenantContext, notFound } from '@foyer/api/platform';
import { Realtime } from '@foyer/api/realtime';
import { ReservationTokens, tokenInvalid } from '@foyer/api/reservations';
import { EntityManager } from 'typeorm';
import { CheckInState, TicketFacts, checkInState } from './check-in-state';
import {
  ConfirmCheckInDto,
  PreviewCheckInDto,
  UndoCheckInDto,
} from './dto/check-in.dto';

/** What the door sees of a reservation: no name, email, phone or notes. */
export interface DoorReservation {
  reference: string;
  partySize: number;
  performance: { id: string; title: string; startsAt: string };
}

export interface CheckInPreview {
  state: CheckInState;
  reservation?: DoorReservation;
  checkedInAt?: string;
}

export interface CheckedIn {
  state: typeof CheckInState.CHECKED_IN;
  reservation: DoorReservation;
  checkedInAt: string;
}

interface Ticket {
  id: string;
  reference: string;
  status: TicketFacts['reservationStatus'];
  party_size: number;
  performance_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  check_in_opens_at: Date;
  checked_in_at: Date | null;
  check_in_nonce: string | null;
  now: Date;
}

const door = (t: Ticket): DoorReservation => ({
  reference: t.reference,
  partySize: t.party_size,
  performance: {
    id: t.performance_id,
    title: t.title,
    startsAt: t.starts_at.toISOString(),
  },
});

const stateOf = (t: Ticket, expectedPerformanceId: string | undefined) =>
  checkInState({
    reservationStatus: t.status,
    checkedInAt: t.checked_in_at,
    performanceId: t.performance_id,
    expectedPerformanceId,
    checkInOpensAt: t.check_in_opens_at,
    endsAt: t.ends_at,
    now: t.now,
  });

/** How long a door-count recount waits for more admissions to share it. */
export const STATS_COALESCE_MS = 50;

/** TypeORM answers UPDATE … RETURNING on PostgreSQL with [rows, rowCount]. */
async function updateReturning<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const [rows] = (await manager.query(sql, params)) as [T[], number];
  return rows;
}

/**
 * Admission at the door (API.md "Check-in", PRODUCT.md rule 4). A token resolves only to a
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
    private readonly tokens: ReservationTokens,
    private readonly audit: AuditLog,
    private readonly realtime: Realtime,
  ) {}

  /** Nothing changes. Runs in the request's tenant transaction. */
  async preview(dto: PreviewCheckInDto): Promise<CheckInPreview> {
    const ticket = await this.ticket(dto.token);
    if (!ticket) {
      return { state: CheckInState.TOKEN_INVALID };
    }
    const state = stateOf(ticket, dto.performanceId);
    return {
      state,
      reservation: door(ticket),
      ...(state === CheckInState.ALREADY_CHECKED_IN && ticket.checked_in_at
        ? { checkedInAt: ticket.checked_in_at.toISOString() }
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
    const { result, changed } = await this.context.run(
      tenantId,
      async (manager) => {
        const ticket = await this.ticket(dto.token);
        if (!ticket) {
          throw tokenInvalid();
        }
        if (stateOf(ticket, dto.performanceId) === CheckInState.VALID) {
          const [won] = await updateReturning<{ checked_in_at: Date }>(
            manager,
            `UPDATE reservation SET checked_in_at = now(), checked_in_by = $2, check_in_nonce = $3
            WHERE id = $1 AND status = 'confirmed' AND checked_in_at IS NULL
            RETURNING checked_in_at`,
            [ticket.id, staffId, dto.nonce ?? null],
          );
          if (won) {
            await this.audit.record({
              action: 'reservation.checked_in',
              actorId: staffId,
              targetType: 'reservation',
              targetId: ticket.id,
              metadata: {
                performanceId: ticket.performance_id,
                partySize: ticket.party_size,
              },
              requestId,
            });
            return {
              result: checkedIn(ticket, won.checked_in_at),
              changed: true,
            };
          }
          // A concurrent scan won: its commit is visible to this new statement.
          const [current] = (await manager.query(
            'SELECT status, checked_in_at, check_in_nonce FROM reservation WHERE id = $1',
            [ticket.id],
          )) as Pick<Ticket, 'status' | 'checked_in_at' | 'check_in_nonce'>[];
          Object.assign(ticket, current);
        }
        const state = stateOf(ticket, dto.performanceId);
        if (state === CheckInState.ALREADY_CHECKED_IN && ticket.checked_in_at) {
          if (dto.nonce !== undefined && dto.nonce === ticket.check_in_nonce) {
            return {
              result: checkedIn(ticket, ticket.checked_in_at),
              changed: false,
            };
          }
          throw new DomainError(
            409,
            ErrorCode.ALREADY_CHECKED_IN,
            'This ticket has already been checked in.',
            {
              extensions: {
                state,
                checkedInAt: ticket.checked_in_at.toISOString(),
              },
            },
          );
        }
        throw new DomainError(
          409,
          state as ErrorCode,
          REFUSALS[state] ?? 'This ticket cannot be checked in.',
          {
            extensions: { state },
          },
        );
      },
    );
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
    const result = await this.context.run(tenantId, async (manager) => {
      const ticket = await this.ticket(dto.token);
      if (!ticket) {
        throw tokenInvalid();
      }
      const [undone] = await updateReturning<{ id: string }>(
        manager,
        `UPDATE reservation SET checked_in_at = NULL, checked_in_by = NULL, check_in_nonce = NULL
          WHERE id = $1 AND checked_in_at IS NOT NULL RETURNING id`,
        [ticket.id],
      );
      if (!undone) {
        throw new DomainError(
          409,
          ErrorCode.CONFLICT,
          'This ticket is not checked in.',
        );
      }
      await this.audit.record({
        action: 'reservation.check_in_undone',
        actorId: staffId,
        targetType: 'reservation',
        targetId: ticket.id,
        metadata: {
          performanceId: ticket.performance_id,
          partySize: ticket.party_size,
          reason: dto.reason,
        },
        requestId,
      });
      ticket.checked_in_at = null;
      return { state: stateOf(ticket, undefined), reservation: door(ticket) };
    });
    this.publish(tenantId, result.reservation.performance.id);
    return result;
  }

  /** Door counts of one performance of the current tenant; 404 for any other id. */
  async stats(performanceId: string): Promise<CheckInStats> {
    const [row] = (await this.context.manager.query(
      `SELECT
         count(r.id) FILTER (WHERE r.status = 'confirmed')::int AS "confirmedParties",
         COALESCE(sum(r.party_size) FILTER (WHERE r.status = 'confirmed'), 0)::int AS "confirmedSeats",
         count(r.id) FILTER (WHERE r.status = 'confirmed' AND r.checked_in_at IS NOT NULL)::int AS "checkedInParties",
         COALESCE(sum(r.party_size) FILTER (WHERE r.status = 'confirmed' AND r.checked_in_at IS NOT NULL), 0)::int
           AS "checkedInSeats"
         FROM performance p LEFT JOIN reservation r ON r.performance_id = p.id
        WHERE p.id = $1 AND p.tenant_id = $2
        GROUP BY p.id`,
      [performanceId, this.context.tenantId],
    )) as Omit<CheckInStats, 'performanceId'>[];
    if (!row) {
      throw notFound('No performance has this id.');
    }
    return { performanceId, ...row };
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

  /**
   * A live check-in token of this tenant, or null. A cancelled booking's token counts even
   * when the cancel revoked it (staff cancel does), so the door says CANCELLED rather than
   * TOKEN_INVALID, which reads as a forgery. The raw token goes nowhere but the hash.
   */
  private async ticket(token: string): Promise<Ticket | null> {
    const [row] = (await this.context.manager.query(
      `SELECT r.id, r.reference, r.status, r.party_size, r.performance_id, r.checked_in_at, r.check_in_nonce,
              p.title, p.starts_at, p.ends_at, p.check_in_opens_at, now() AS now
         FROM reservation_token t
         JOIN reservation r ON r.id = t.reservation_id AND r.tenant_id = t.tenant_id
         JOIN performance p ON p.id = r.performance_id
        WHERE t.token_hash = $1 AND t.purpose = 'checkin' AND t.tenant_id = $2
          AND (t.revoked_at IS NULL OR r.status = 'cancelled')
          AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [this.tokens.hash('checkin', token), this.context.tenantId],
    )) as Ticket[];
    return row ?? null;
  }
}

function checkedIn(ticket: Ticket, at: Date): CheckedIn {
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
