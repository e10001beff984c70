import { Injectable } from '@nestjs/common';
import { CancelResult, Ticket } from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { qrSvg } from '@foyer/api/platform/qr';
import { ReservationLifecycle } from './reservation-lifecycle.service';
import {
  ReservationTokens,
  TokenHolder,
  TokenPurpose,
  tokenInvalid,
} from './reservation-tokens.service';

/** The visitor's ticket (check-in token) and cancellation (cancel token). */
@Injectable()
export class TicketsService {
  constructor(
    private readonly context: TenantContext,
    private readonly tokens: ReservationTokens,
    private readonly lifecycle: ReservationLifecycle,
  ) {}

  /** The ticket's QR code holds the opaque check-in token, nothing else. */
  async lookup(token: string): Promise<Ticket> {
    return this.withToken(
      'checkin',
      token,
      async ({ reservation, performance }) => ({
        reference: reservation.reference,
        performance: {
          id: performance.id,
          title: performance.title,
          startsAt: performance.startsAt.toISOString(),
        },
        partySize: reservation.partySize,
        status: reservation.status,
        qrSvg: await qrSvg(token),
      }),
    );
  }

  /** Seats return to the pool once; a repeat answers the same, even after the start. */
  async cancel(token: string, requestId: string): Promise<CancelResult> {
    return this.withToken('cancel', token, async ({ reservation }) => {
      await this.lifecycle.cancel(reservation.id, 'visitor', {
        actorId: null,
        requestId,
      });
      return { reference: reservation.reference, status: 'cancelled' as const };
    });
  }

  private async withToken<T>(
    purpose: TokenPurpose,
    token: string,
    work: (holder: TokenHolder) => Promise<T>,
  ): Promise<T> {
    const tenantId = await this.tokens.tenantOf(purpose, token);
    return this.context.run(tenantId, async () => {
      const holder = await this.tokens.resolve(purpose, token);
      if (!holder || holder.expired) {
        throw tokenInvalid();
      }
      return work(holder);
    });
  }
}
