import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, JobName, QueueName } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  Outbox,
  TenantContext,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { randomInt } from 'node:crypto';
import {
  BookingState,
  BookingStatus,
  bookingState,
  fitsParty,
  isValidPartySize,
  seatsAvailable,
} from './availability';
import { BookDto } from './dto/booking.dto';
import { Performance } from './entities/performance.entity';
import { bookingMail } from './mails';
import { PerformancesService } from './performances.service';
import { ReservationTokens, tokenInvalid } from './reservation-tokens';

export interface ConfirmResult {
  reference: string;
  status: 'confirmed';
  performance: { id: string; title: string; startsAt: string };
  partySize: number;
  alreadyConfirmed?: true;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const reference = () =>
  Array.from(
    { length: 8 },
    (_, i) => `${i === 4 ? '-' : ''}${ALPHABET[randomInt(ALPHABET.length)]}`,
  ).join('');

/**
 * Public booking (pending, holds no seats) and confirmation, which locks the performance
 * row, recomputes availability from confirmed reservations inside the transaction and
 * confirms only if the party fits. Tokens are random, one purpose each, stored as keyed
 * hashes, and reach the visitor only through the emails queued in the same transaction.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly context: TenantContext,
    private readonly performances: PerformancesService,
    private readonly tokens: ReservationTokens,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The tenant a public performance id belongs to, through the narrow definer function. */
  async tenantOfPerformance(performanceId: string): Promise<string> {
    const id = await this.context.withoutTenant(async (manager) => {
      const rows: { id: string | null }[] = await manager.query(
        'SELECT app_performance_tenant($1) AS id',
        [performanceId],
      );
      return rows[0]?.id ?? null;
    });
    if (!id) {
      throw new DomainError(
        404,
        ErrorCode.NOT_FOUND,
        'No performance has this id.',
      );
    }
    return id;
  }

  async book(
    performanceId: string,
    input: BookDto,
  ): Promise<{ reference: string; status: 'pending' }> {
    const tenantId = await this.tenantOfPerformance(performanceId);
    return this.context.run(tenantId, async (manager) => {
      const performance = await this.performances.find(performanceId);
      const [view] = await this.performances.views([performance]);
      if (
        view.bookingState === BookingState.CLOSED ||
        view.bookingState === BookingState.CANCELLED
      ) {
        throw new DomainError(
          409,
          ErrorCode.BOOKING_CLOSED,
          'Booking is closed for this performance.',
        );
      }
      if (!isValidPartySize(input.partySize, performance.maxPartySize)) {
        throw new DomainError(
          400,
          ErrorCode.VALIDATION_FAILED,
          'The party is too large for one booking.',
          {
            errors: [
              {
                field: 'partySize',
                message: `must be between 1 and ${performance.maxPartySize}`,
              },
            ],
          },
        );
      }
      if (
        !fitsParty(
          input.partySize,
          view.seatsAvailable,
          performance.maxPartySize,
        )
      ) {
        throw new DomainError(
          409,
          ErrorCode.SOLD_OUT,
          'Not enough seats are left for this party.',
        );
      }
      const ref = reference();
      const [row] = (await manager.query(
        `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, phone, notes, party_size)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          tenantId,
          performanceId,
          ref,
          input.name,
          input.email,
          input.phone ?? null,
          input.notes ?? null,
          input.partySize,
        ],
      )) as { id: string }[];
      const token = await this.tokens.issue(
        row.id,
        'confirm',
        this.confirmExpiry(performance),
      );
      const venue = await this.venueName();
      await this.outbox.add({
        queue: QueueName.MAIL,
        jobName: JobName.SEND_MAIL,
        tenantId,
        payload: bookingMail({
          to: input.email,
          venue,
          title: performance.title,
          startsAt: performance.startsAt,
          partySize: input.partySize,
          link: `${this.config.SITE_BASE_URL}/confirm#t=${token}`,
        }),
      });
      return { reference: ref, status: 'pending' as const };
    });
  }

  /**
   * Confirms under the performance row lock with availability recomputed after taking it.
   * Before queueing for the lock, the same decision is taken on committed data: a repeat,
   * a cancelled booking, an expired link and a party that cannot fit right now are answered
   * without the lock, so at a sold-out rush only the confirmations that may still win
   * queue for it (seats only return by cancellation, which the locked re-check sees).
   */
  async confirm(token: string, requestId: string): Promise<ConfirmResult> {
    const hash = this.tokens.hash('confirm', token);
    const tenantId = await this.tokens.tenantOf(hash);
    return this.context.run(tenantId, async (manager) => {
      const [found] = (await manager.query(
        `SELECT r.id, r.performance_id, r.party_size, r.reference, r.email, t.expires_at <= now() AS expired
           FROM reservation_token t JOIN reservation r ON r.id = t.reservation_id
          WHERE t.token_hash = $1 AND t.purpose = 'confirm' AND t.revoked_at IS NULL`,
        [hash],
      )) as Confirmable[];
      if (!found) {
        throw tokenInvalid();
      }
      const early = decideConfirmation(found, await this.facts(found.id));
      if (early.answer) {
        return early.answer;
      }
      // Confirmations of one performance queue here; the facts are read again after it.
      await manager.query(
        'SELECT 1 FROM performance WHERE id = $1 FOR UPDATE',
        [found.performance_id],
      );
      const decided = decideConfirmation(found, await this.facts(found.id));
      if (decided.answer) {
        return decided.answer;
      }
      // Conditional: a privacy erase may cancel a pending booking without this lock.
      const [[updated]] = (await manager.query(
        `UPDATE reservation SET status = 'confirmed', confirmed_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING id`,
        [found.id],
      )) as [{ id: string }[], number];
      if (!updated) {
        throw new DomainError(
          409,
          ErrorCode.RESERVATION_CANCELLED,
          'This booking was cancelled.',
        );
      }
      await this.tokens.sendTicket({
        reservationId: found.id,
        email: found.email,
        reference: found.reference,
        partySize: found.party_size,
        title: decided.performance.title,
        startsAt: decided.performance.starts_at,
      });
      await this.audit.record({
        action: 'reservation.confirmed',
        actorId: null,
        targetType: 'reservation',
        targetId: found.id,
        metadata: { partySize: found.party_size },
        requestId,
      });
      return confirmed(found, decided.performance);
    });
  }

  /** The reservation's status and its performance's availability, in one statement. */
  private async facts(reservationId: string): Promise<ConfirmationFacts> {
    const [row] = (await this.context.manager.query(
      `SELECT r.status, p.id, p.title, p.starts_at, p.booking_status, p.booking_opens_at,
              p.booking_closes_at, p.additional_seats, p.manually_occupied_seats,
              p.max_party_size, rm.capacity,
              COALESCE((SELECT sum(x.party_size) FROM reservation x
                         WHERE x.performance_id = p.id AND x.status = 'confirmed'), 0)::int
                AS confirmed_seats
         FROM reservation r
         JOIN performance p ON p.id = r.performance_id
         JOIN room rm ON rm.id = p.room_id
        WHERE r.id = $1`,
      [reservationId],
    )) as ConfirmationFacts[];
    return row;
  }

  private confirmExpiry(performance: Performance): Date {
    const ttl = new Date(
      Date.now() + this.config.CONFIRMATION_TOKEN_TTL_MINUTES * 60_000,
    );
    const closes = performance.bookingClosesAt ?? performance.startsAt;
    return ttl < closes ? ttl : closes;
  }

  private async venueName(): Promise<string> {
    const rows: { name: string }[] = await this.context.manager.query(
      'SELECT name FROM tenant',
    );
    return rows[0]?.name ?? 'Foyer';
  }
}

interface Confirmable {
  id: string;
  performance_id: string;
  party_size: number;
  reference: string;
  email: string;
  expired: boolean;
}

interface ConfirmationFacts {
  status: string;
  id: string;
  title: string;
  starts_at: Date;
  booking_status: BookingStatus;
  booking_opens_at: Date | null;
  booking_closes_at: Date | null;
  additional_seats: number;
  manually_occupied_seats: number;
  max_party_size: number;
  capacity: number;
  confirmed_seats: number;
}

const confirmed = (
  found: Confirmable,
  performance: ConfirmationFacts,
  extra: Partial<ConfirmResult> = {},
): ConfirmResult => ({
  reference: found.reference,
  status: 'confirmed',
  performance: {
    id: performance.id,
    title: performance.title,
    startsAt: performance.starts_at.toISOString(),
  },
  partySize: found.party_size,
  ...extra,
});

/**
 * What a confirmation comes to, given the facts: an answer (a repeat's 200, or an
 * error thrown), or nothing yet: the party fits and may be confirmed.
 */
function decideConfirmation(
  found: Confirmable,
  facts: ConfirmationFacts,
  now = new Date(),
): { answer?: ConfirmResult; performance: ConfirmationFacts } {
  if (facts.status === 'confirmed') {
    return {
      answer: confirmed(found, facts, { alreadyConfirmed: true }),
      performance: facts,
    };
  }
  if (facts.status === 'cancelled') {
    throw new DomainError(
      409,
      ErrorCode.RESERVATION_CANCELLED,
      'This booking was cancelled.',
    );
  }
  const available = seatsAvailable({
    capacity: facts.capacity,
    additionalSeats: facts.additional_seats,
    manuallyOccupiedSeats: facts.manually_occupied_seats,
    confirmedSeats: facts.confirmed_seats,
  });
  const state = bookingState(
    {
      bookingStatus: facts.booking_status,
      bookingOpensAt: facts.booking_opens_at,
      bookingClosesAt: facts.booking_closes_at,
      startsAt: facts.starts_at,
      seatsAvailable: available,
    },
    now,
  );
  if (
    found.expired ||
    state === BookingState.CLOSED ||
    state === BookingState.CANCELLED
  ) {
    throw new DomainError(
      410,
      ErrorCode.TOKEN_EXPIRED,
      'This confirmation link has expired.',
    );
  }
  if (!fitsParty(found.party_size, available, facts.max_party_size)) {
    throw new DomainError(
      409,
      ErrorCode.SOLD_OUT,
      'The performance filled up before this booking was confirmed.',
    );
  }
  return { performance: facts };
}
