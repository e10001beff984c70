import { Inject, Injectable } from '@nestjs/common';
import {
  BookingAccepted,
  BookingState,
  ConfirmResult,
  ErrorCode,
  JobName,
  QueueName,
} from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError } from '@foyer/api/platform/errors';
import { Outbox } from '@foyer/api/platform/outbox';
import { TenantDirectory } from '@foyer/api/tenants';
import { randomInt } from 'node:crypto';
import {
  bookingState,
  fitsParty,
  isValidPartySize,
  seatsAvailable,
} from './availability';
import { BookDto } from './dto/booking.dto';
import { Performance } from './performance';
import { bookingMail } from './mails';
import { PerformanceRepository } from './performance.repository';
import { PerformancesService } from './performances.service';
import { CANCELLED_REFUSAL } from './reservation-state';
import { ReservationLifecycle } from './reservation-lifecycle.service';
import {
  ConfirmationFacts,
  ReservationRepository,
} from './reservation.repository';
import {
  ReservationTokens,
  TokenHolder,
  tokenInvalid,
} from './reservation-tokens.service';

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
    private readonly performanceRows: PerformanceRepository,
    private readonly reservations: ReservationRepository,
    private readonly lifecycle: ReservationLifecycle,
    private readonly tokens: ReservationTokens,
    private readonly directory: TenantDirectory,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The tenant a public performance id belongs to, through the narrow definer function. */
  async tenantOfPerformance(performanceId: string): Promise<string> {
    const id = await this.performanceRows.tenantOf(performanceId);
    if (!id) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'No performance has this id.');
    }
    return id;
  }

  async book(performanceId: string, input: BookDto): Promise<BookingAccepted> {
    const tenantId = await this.tenantOfPerformance(performanceId);
    return this.context.run(tenantId, async () => {
      const performance = await this.performances.find(performanceId);
      const [view] = await this.performances.views([performance]);
      if (
        view.bookingState === BookingState.CLOSED ||
        view.bookingState === BookingState.CANCELLED
      ) {
        throw new DomainError(
          ErrorCode.BOOKING_CLOSED,
          'Booking is closed for this performance.',
        );
      }
      if (!isValidPartySize(input.partySize, performance.maxPartySize)) {
        throw new DomainError(
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
          ErrorCode.SOLD_OUT,
          'Not enough seats are left for this party.',
        );
      }
      const ref = reference();
      const id = await this.reservations.insert({
        performanceId,
        reference: ref,
        name: input.name,
        email: input.email,
        phone: input.phone ?? null,
        notes: input.notes ?? null,
        partySize: input.partySize,
      });
      const token = await this.tokens.issue(
        id,
        'confirm',
        this.confirmExpiry(performance),
      );
      const venue = (await this.directory.current()).name;
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
    const tenantId = await this.tokens.tenantOf('confirm', token);
    return this.context.run(tenantId, async () => {
      const holder = await this.tokens.resolve('confirm', token);
      if (!holder) {
        throw tokenInvalid();
      }
      const id = holder.reservation.id;
      const early = decideConfirmation(holder, await this.facts(id));
      if (early.answer) {
        return early.answer;
      }
      const venue = (await this.directory.current()).name;
      // Confirmations of one performance queue here; the facts are read again after it.
      await this.performanceRows.lockForUpdate(
        holder.reservation.performanceId,
      );
      const decided = decideConfirmation(holder, await this.facts(id));
      if (decided.answer) {
        return decided.answer;
      }
      const show = decided.facts.performance;
      const done = await this.lifecycle.confirm(
        { ...holder.reservation, status: decided.facts.status },
        show,
        venue,
        { actorId: null, requestId },
      );
      if (!done) {
        // A privacy erase cancelled the pending booking without this lock.
        throw cancelledError();
      }
      return confirmed(holder, decided.facts);
    });
  }

  private async facts(reservationId: string): Promise<ConfirmationFacts> {
    const facts = await this.reservations.confirmationFacts(reservationId);
    if (!facts) {
      throw tokenInvalid();
    }
    return facts;
  }

  private confirmExpiry(performance: Performance): Date {
    const ttl = new Date(
      Date.now() + this.config.CONFIRMATION_TOKEN_TTL_MINUTES * 60_000,
    );
    const closes = performance.bookingClosesAt ?? performance.startsAt;
    return ttl < closes ? ttl : closes;
  }
}

const cancelledError = () =>
  new DomainError(
    CANCELLED_REFUSAL.refusal.code,
    CANCELLED_REFUSAL.refusal.message,
  );

const confirmed = (
  holder: TokenHolder,
  facts: ConfirmationFacts,
  extra: Partial<ConfirmResult> = {},
): ConfirmResult => ({
  reference: holder.reservation.reference,
  status: 'confirmed',
  performance: {
    id: facts.performance.id,
    title: facts.performance.title,
    startsAt: facts.performance.startsAt.toISOString(),
  },
  partySize: holder.reservation.partySize,
  ...extra,
});

/**
 * What a confirmation comes to, given the facts: an answer (a repeat's 200, or an
 * error thrown), or nothing yet: the party fits and may be confirmed.
 */
function decideConfirmation(
  holder: TokenHolder,
  facts: ConfirmationFacts,
  now = new Date(),
): { answer?: ConfirmResult; facts: ConfirmationFacts } {
  if (facts.status === 'confirmed') {
    return {
      answer: confirmed(holder, facts, { alreadyConfirmed: true }),
      facts,
    };
  }
  if (facts.status === 'cancelled') {
    throw cancelledError();
  }
  const show = facts.performance;
  const available = seatsAvailable({
    capacity: show.capacity,
    additionalSeats: show.additionalSeats,
    manuallyOccupiedSeats: show.manuallyOccupiedSeats,
    confirmedSeats: show.confirmedSeats,
  });
  const state = bookingState(
    {
      bookingStatus: show.bookingStatus,
      bookingOpensAt: show.bookingOpensAt,
      bookingClosesAt: show.bookingClosesAt,
      startsAt: show.startsAt,
      seatsAvailable: available,
    },
    now,
  );
  if (
    holder.expired ||
    state === BookingState.CLOSED ||
    state === BookingState.CANCELLED
  ) {
    throw new DomainError(
      ErrorCode.TOKEN_EXPIRED,
      'This confirmation link has expired.',
    );
  }
  if (!fitsParty(holder.reservation.partySize, available, show.maxPartySize)) {
    throw new DomainError(
      ErrorCode.SOLD_OUT,
      'The performance filled up before this booking was confirmed.',
    );
  }
  return { facts };
}
