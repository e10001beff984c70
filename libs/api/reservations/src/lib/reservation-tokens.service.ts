import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, JobName, QueueName } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TokenHasher, randomToken } from '@foyer/api/platform/crypto';
import { DomainError } from '@foyer/api/platform/errors';
import { Outbox } from '@foyer/api/platform/outbox';
import { ticketMail } from './mails';
import {
  ReservationTokenRepository,
  TokenHolder,
  TokenPurpose,
} from './reservation-token.repository';

export type { TokenHolder, TokenPurpose } from './reservation-token.repository';

export const tokenInvalid = () =>
  new DomainError(ErrorCode.TOKEN_INVALID, 'This link is not valid.');

export interface TicketRecipient {
  reservationId: string;
  email: string;
  reference: string;
  partySize: number;
  title: string;
  startsAt: Date;
  venue: string;
}

/**
 * Reservation tokens: 256-bit random, one purpose each, stored only as a keyed hash with
 * the purpose bound in, so a token of one purpose never matches a lookup for another.
 */
@Injectable()
export class ReservationTokens {
  constructor(
    private readonly repository: ReservationTokenRepository,
    private readonly hasher: TokenHasher,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hash(purpose: TokenPurpose, token: string): Buffer {
    return this.hasher.hash(`reservation:${purpose}`, token);
  }

  /** The tenant holding a token, through the narrow definer function; unknown → TOKEN_INVALID. */
  async tenantOf(purpose: TokenPurpose, token: string): Promise<string> {
    const id = await this.repository.tenantOf(this.hash(purpose, token));
    if (!id) {
      throw tokenInvalid();
    }
    return id;
  }

  /** The reservation a token of this tenant stands for, or null (see the repository). */
  resolve(purpose: TokenPurpose, token: string): Promise<TokenHolder | null> {
    return this.repository.resolve(this.hash(purpose, token), purpose);
  }

  async issue(
    reservationId: string,
    purpose: TokenPurpose,
    expiresAt: Date | null,
  ): Promise<string> {
    const token = randomToken();
    const stored = await this.repository.insert(
      [{ hash: this.hash(purpose, token), purpose, expiresAt }],
      reservationId,
    );
    if (stored !== 1) {
      throw new Error('a token is issued for a reservation of this tenant');
    }
    return token;
  }

  /** Links of these purposes stop working (and their QR). */
  async revoke(
    reservationId: string,
    purposes: readonly TokenPurpose[],
  ): Promise<void> {
    await this.repository.revoke([reservationId], purposes);
  }

  /** New check-in and cancel tokens, and the ticket email that carries them, in this transaction. */
  async sendTicket(recipient: TicketRecipient): Promise<void> {
    const checkin = randomToken();
    const cancel = randomToken();
    // One statement for both tokens: confirmation runs this while it holds the performance
    // row lock, so every round trip saved shortens the queue.
    const stored = await this.repository.insert(
      [
        {
          hash: this.hash('checkin', checkin),
          purpose: 'checkin',
          expiresAt: null,
        },
        {
          hash: this.hash('cancel', cancel),
          purpose: 'cancel',
          expiresAt: null,
        },
      ],
      recipient.reservationId,
    );
    if (stored !== 2) {
      throw new Error('a ticket is issued for a reservation of this tenant');
    }
    await this.outbox.add({
      queue: QueueName.MAIL,
      jobName: JobName.SEND_MAIL,
      tenantId: this.repository.currentTenant,
      payload: ticketMail({
        to: recipient.email,
        venue: recipient.venue,
        title: recipient.title,
        startsAt: recipient.startsAt,
        partySize: recipient.partySize,
        reference: recipient.reference,
        ticketLink: `${this.config.SITE_BASE_URL}/ticket#t=${checkin}`,
        cancelLink: `${this.config.SITE_BASE_URL}/cancel#t=${cancel}`,
        checkInToken: checkin,
      }),
    });
  }
}
