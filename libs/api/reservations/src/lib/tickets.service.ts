import { Injectable } from '@nestjs/common';
import { ReservationStatus } from '@foyer/contracts';
import { TenantContext, qrSvg } from '@foyer/api/platform';
import { ReservationLifecycle } from './reservation-lifecycle.service';
import {
  ReservationTokens,
  TokenHolder,
  TokenPurpose,
  tokenInvalid,
} from './reservation-tokens';

export interface TicketView {
  reference: string;
  performance: { id: string; title: string; startsAt: string };
  partySize: number;
  status: ReservationStatus;
  /** The QR code of the opaque check-in token, nothing else, as SVG. */
  qrSvg: string;
}

/** The visitor's ticket (check-in token) and cancellation (cancel token). */
@Injectable()
export class TicketsService {
  constructor(
    private readonly context: TenantContext,
    private readonly tokens: ReservationTokens,
    private readonly lifecycle: ReservationLifecycle,
  ) {}

  async lookup(token: string): Promise<TicketView> {
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
  async cancel(
    token: string,
    requestId: string,
  ): Promise<{ reference: string; status: 'cancelled' }> {
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
