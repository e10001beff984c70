import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, JobName, QueueName } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  Outbox,
  TenantContext,
  TokenHasher,
  randomToken,
} from '@foyer/api/platform';
import { ticketMail } from './mails';

export type TokenPurpose = 'confirm' | 'checkin' | 'cancel';

export const tokenInvalid = () =>
  new DomainError(404, ErrorCode.TOKEN_INVALID, 'This link is not valid.');

export interface TicketRecipient {
  reservationId: string;
  email: string;
  reference: string;
  partySize: number;
  title: string;
  startsAt: Date;
}

/**
 * Reservation tokens: 256-bit random, one purpose each, stored only as a keyed hash with
 * the purpose bound in, so a token of one purpose never matches a lookup for another.
 */
@Injectable()
export class ReservationTokens {
  constructor(
    private readonly context: TenantContext,
    private readonly hasher: TokenHasher,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hash(purpose: TokenPurpose, token: string): Buffer {
    return this.hasher.hash(`reservation:${purpose}`, token);
  }

  /** The tenant holding a token, through the narrow definer function; unknown → TOKEN_INVALID. */
  async tenantOf(hash: Buffer): Promise<string> {
    const id = await this.context.withoutTenant(async (manager) => {
      const rows: { id: string | null }[] = await manager.query(
        'SELECT app_reservation_token_tenant($1) AS id',
        [hash],
      );
      return rows[0]?.id ?? null;
    });
    if (!id) {
      throw tokenInvalid();
    }
    return id;
  }

  async issue(
    reservationId: string,
    purpose: TokenPurpose,
    expiresAt: Date | null,
  ): Promise<string> {
    const token = randomToken();
    await this.context.manager.query(
      `INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [
        this.hash(purpose, token),
        this.context.tenantId,
        reservationId,
        purpose,
        expiresAt,
      ],
    );
    return token;
  }

  /** Old ticket links (and their QR) stop working. */
  async revoke(reservationId: string, purposes: TokenPurpose[]): Promise<void> {
    await this.context.manager.query(
      `UPDATE reservation_token SET revoked_at = now() WHERE reservation_id = $1 AND purpose = ANY($2) AND revoked_at IS NULL`,
      [reservationId, purposes],
    );
  }

  /** New check-in and cancel tokens, and the ticket email that carries them, in this transaction. */
  async sendTicket(recipient: TicketRecipient): Promise<void> {
    const checkin = randomToken();
    const cancel = randomToken();
    // One round trip for both tokens and the venue name: confirmation runs this while it
    // holds the performance row lock, so every round trip saved shortens the queue.
    const [venue] = (await this.context.manager.query(
      `WITH issued AS (
         INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose, expires_at)
         VALUES ($1, $3, $4, 'checkin', NULL), ($2, $3, $4, 'cancel', NULL)
       )
       SELECT name FROM tenant`,
      [
        this.hash('checkin', checkin),
        this.hash('cancel', cancel),
        this.context.tenantId,
        recipient.reservationId,
      ],
    )) as { name: string }[];
    await this.outbox.add({
      queue: QueueName.MAIL,
      jobName: JobName.SEND_MAIL,
      tenantId: this.context.tenantId,
      payload: ticketMail({
        to: recipient.email,
        venue: venue?.name ?? 'Foyer',
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
