import { Injectable } from '@nestjs/common';
import {
  Row,
  TenantContext,
  TenantScopedRepository,
  bool,
  oneOf,
  optionalText,
  rowsOf,
  text,
  timestamp,
} from '@foyer/api/platform/database';
import { Reservation, reservationColumns, toReservation } from './reservation';

export type TokenPurpose = 'confirm' | 'checkin' | 'cancel';
export const TOKEN_PURPOSES: readonly TokenPurpose[] = [
  'confirm',
  'checkin',
  'cancel',
];

/** The reservation a live token stands for, with what its holders need of the show. */
export interface TokenHolder {
  reservation: Reservation;
  /** The token's own expiry (confirmation links expire; tickets do not). */
  expired: boolean;
  performance: {
    id: string;
    title: string;
    startsAt: Date;
    endsAt: Date;
    checkInOpensAt: Date;
  };
  /** The database's clock, read in the same statement, for time windows. */
  now: Date;
}

/**
 * The `reservation_token` table: keyed hashes of one-purpose tokens. A token resolves
 * while not revoked. A token revoked by the cancellation of its booking (at the very
 * instant it was cancelled, whoever cancelled) still resolves to that cancelled booking,
 * so nothing can be done with it but every holder is told the truth: the door says
 * CANCELLED, the ticket page and a repeated cancel show the cancelled booking, and the
 * confirmation link says RESERVATION_CANCELLED, instead of "invalid" (a forgery).
 */
@Injectable()
export class ReservationTokenRepository extends TenantScopedRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /**
   * Stores token hashes for a reservation of this tenant; how many were stored (none
   * when the reservation is not this tenant's: the foreign key alone would not say so).
   */
  async insert(
    hashes: readonly {
      hash: Buffer;
      purpose: TokenPurpose;
      expiresAt: Date | null;
    }[],
    reservationId: string,
  ): Promise<number> {
    const values = hashes.map(
      (_, i) =>
        `($${3 * i + 3}::bytea, $${3 * i + 4}::text, $${3 * i + 5}::timestamptz)`,
    );
    const stored = await this.select(
      `INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose, expires_at)
       SELECT v.token_hash, r.tenant_id, r.id, v.purpose, v.expires_at
         FROM reservation r, (VALUES ${values.join(', ')}) AS v (token_hash, purpose, expires_at)
        WHERE r.tenant_id = $1 AND r.id = $2
       RETURNING purpose`,
      [
        reservationId,
        ...hashes.flatMap((token) => [
          token.hash,
          token.purpose,
          token.expiresAt,
        ]),
      ],
      (row) => oneOf(row, 'purpose', TOKEN_PURPOSES),
    );
    return stored.length;
  }

  /** Old links of these purposes stop working; how many were live. */
  revoke(
    reservationIds: readonly string[],
    purposes: readonly TokenPurpose[],
  ): Promise<number> {
    return this.execute(
      `UPDATE reservation_token SET revoked_at = now()
        WHERE tenant_id = $1 AND reservation_id = ANY($2::uuid[]) AND purpose = ANY($3::text[])
          AND revoked_at IS NULL`,
      [reservationIds, purposes],
    );
  }

  /** The tenant of the current transaction (for the outbox row of a mail). */
  get currentTenant(): string {
    return this.tenantId;
  }

  /**
   * Which tenant holds a token: the one tenant-free statement here, through the
   * `app_reservation_token_tenant` definer function, which returns the id and nothing else.
   */
  tenantOf(hash: Buffer): Promise<string | null> {
    return this.context.withoutTenant(async (manager) => {
      const [row] = rowsOf(
        await manager.query('SELECT app_reservation_token_tenant($1) AS id', [
          hash,
        ]),
      );
      return row ? optionalText(row, 'id') : null;
    });
  }

  resolve(hash: Buffer, purpose: TokenPurpose): Promise<TokenHolder | null> {
    return this.first(
      `SELECT ${reservationColumns('r')}, t.purpose,
              (t.expires_at IS NOT NULL AND t.expires_at <= now()) AS expired,
              p.title, p.starts_at, p.ends_at, p.check_in_opens_at, now() AS now
         FROM reservation_token t
         JOIN reservation r ON r.tenant_id = t.tenant_id AND r.id = t.reservation_id
         JOIN performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
        WHERE t.tenant_id = $1 AND t.token_hash = $2 AND t.purpose = $3
          AND (t.revoked_at IS NULL OR (r.status = 'cancelled' AND t.revoked_at = r.cancelled_at))`,
      [hash, purpose],
      (row: Row) => {
        oneOf(row, 'purpose', TOKEN_PURPOSES);
        return {
          reservation: toReservation(row),
          expired: bool(row, 'expired'),
          performance: {
            id: text(row, 'performance_id'),
            title: text(row, 'title'),
            startsAt: timestamp(row, 'starts_at'),
            endsAt: timestamp(row, 'ends_at'),
            checkInOpensAt: timestamp(row, 'check_in_opens_at'),
          },
          now: timestamp(row, 'now'),
        };
      },
    );
  }
}
