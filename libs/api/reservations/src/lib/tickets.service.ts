import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import { DomainError, TenantContext, qrSvg } from '@foyer/api/platform';
import { ReservationTokens, tokenInvalid } from './reservation-tokens';
import { AuditLog } from '@foyer/api/audit';

export interface TicketView {
  reference: string;
  performance: { id: string; title: string; startsAt: string };
  partySize: number;
  status: string;
  /** The QR code of the opaque check-in token, nothing else, as SVG. */
  qrSvg: string;
}

interface Found {
  id: string;
  reference: string;
  status: string;
  party_size: number;
  performance_id: string;
  title: string;
  starts_at: Date;
}

/** The visitor's ticket (check-in token) and cancellation (cancel token). */
@Injectable()
export class TicketsService {
  constructor(
    private readonly context: TenantContext,
    private readonly tokens: ReservationTokens,
    private readonly audit: AuditLog,
  ) {}

  async lookup(token: string): Promise<TicketView> {
    return this.withToken('checkin', token, async (found) => ({
      reference: found.reference,
      performance: {
        id: found.performance_id,
        title: found.title,
        startsAt: found.starts_at.toISOString(),
      },
      partySize: found.party_size,
      status: found.status,
      qrSvg: await qrSvg(token),
    }));
  }

  /** Seats return to the pool once; a repeat answers the same, even after the start. */
  async cancel(
    token: string,
    requestId: string,
  ): Promise<{ reference: string; status: 'cancelled' }> {
    return this.withToken('cancel', token, async (found) => {
      const manager = this.context.manager;
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
      if (current.status !== 'cancelled') {
        if (found.starts_at.getTime() <= Date.now()) {
          throw new DomainError(
            409,
            ErrorCode.CANCEL_CLOSED,
            'The performance has started; it can no longer be cancelled.',
          );
        }
        await manager.query(
          `UPDATE reservation SET status = 'cancelled', cancelled_at = now() WHERE id = $1`,
          [found.id],
        );
        await this.audit.record({
          action: 'reservation.cancelled',
          actorId: null,
          targetType: 'reservation',
          targetId: found.id,
          metadata: { by: 'visitor', partySize: found.party_size },
          requestId,
        });
      }
      return { reference: found.reference, status: 'cancelled' as const };
    });
  }

  private async withToken<T>(
    purpose: 'checkin' | 'cancel',
    token: string,
    work: (found: Found) => Promise<T>,
  ): Promise<T> {
    const hash = this.tokens.hash(purpose, token);
    const tenantId = await this.tokens.tenantOf(hash);
    return this.context.run(tenantId, async (manager) => {
      const [found] = (await manager.query(
        `SELECT r.id, r.reference, r.status, r.party_size, r.performance_id, p.title, p.starts_at
           FROM reservation_token t
           JOIN reservation r ON r.id = t.reservation_id
           JOIN performance p ON p.id = r.performance_id
          WHERE t.token_hash = $1 AND t.purpose = $2 AND t.revoked_at IS NULL`,
        [hash, purpose],
      )) as Found[];
      if (!found) {
        throw tokenInvalid();
      }
      return work(found);
    });
  }
}
