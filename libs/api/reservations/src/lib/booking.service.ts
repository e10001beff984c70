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
import { BookingState, fitsParty, isValidPartySize } from './availability';
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

  async confirm(token: string, requestId: string): Promise<ConfirmResult> {
    const hash = this.tokens.hash('confirm', token);
    const tenantId = await this.tokens.tenantOf(hash);
    return this.context.run(tenantId, async (manager) => {
      const [found] = (await manager.query(
        `SELECT r.id, r.performance_id, r.status, r.party_size, r.reference, r.email, t.expires_at <= now() AS expired
           FROM reservation_token t JOIN reservation r ON r.id = t.reservation_id
          WHERE t.token_hash = $1 AND t.purpose = 'confirm' AND t.revoked_at IS NULL`,
        [hash],
      )) as {
        id: string;
        performance_id: string;
        status: string;
        party_size: number;
        reference: string;
        email: string;
        expired: boolean;
      }[];
      if (!found) {
        throw tokenInvalid();
      }
      // Confirmations of one performance queue here: availability is recomputed under this lock.
      await manager.query(
        'SELECT 1 FROM performance WHERE id = $1 FOR UPDATE',
        [found.performance_id],
      );
      const [current] = (await manager.query(
        'SELECT status FROM reservation WHERE id = $1 FOR UPDATE',
        [found.id],
      )) as {
        status: string;
      }[];
      const performance = await this.performances.find(found.performance_id);
      const result = (extra: Partial<ConfirmResult> = {}): ConfirmResult => ({
        reference: found.reference,
        status: 'confirmed',
        performance: {
          id: performance.id,
          title: performance.title,
          startsAt: performance.startsAt.toISOString(),
        },
        partySize: found.party_size,
        ...extra,
      });
      if (current.status === 'confirmed') {
        return result({ alreadyConfirmed: true });
      }
      if (current.status === 'cancelled') {
        throw new DomainError(
          409,
          ErrorCode.RESERVATION_CANCELLED,
          'This booking was cancelled.',
        );
      }
      const [view] = await this.performances.views([performance]);
      if (
        found.expired ||
        view.bookingState === BookingState.CLOSED ||
        view.bookingState === BookingState.CANCELLED
      ) {
        throw new DomainError(
          410,
          ErrorCode.TOKEN_EXPIRED,
          'This confirmation link has expired.',
        );
      }
      if (
        !fitsParty(
          found.party_size,
          view.seatsAvailable,
          performance.maxPartySize,
        )
      ) {
        throw new DomainError(
          409,
          ErrorCode.SOLD_OUT,
          'The performance filled up before this booking was confirmed.',
        );
      }
      await manager.query(
        `UPDATE reservation SET status = 'confirmed', confirmed_at = now() WHERE id = $1`,
        [found.id],
      );
      await this.tokens.sendTicket({
        reservationId: found.id,
        email: found.email,
        reference: found.reference,
        partySize: found.party_size,
        title: performance.title,
        startsAt: performance.startsAt,
      });
      await this.audit.record({
        action: 'reservation.confirmed',
        actorId: null,
        targetType: 'reservation',
        targetId: found.id,
        metadata: { partySize: found.party_size },
        requestId,
      });
      return result();
    });
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
