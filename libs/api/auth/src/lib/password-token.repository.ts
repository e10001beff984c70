import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  optionalText,
  text,
} from '@foyer/api/platform/database';
import { AuthRepository } from './auth-base.repository';

/** What a one-time invitation link is for. */
export type PasswordTokenPurpose = 'set-password' | 'accept-invitation';

/** The `password_token` table: one-time invitation links of the current tenant, as hashes. */
@Injectable()
export class PasswordTokenRepository extends AuthRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  async insert(token: {
    hash: Buffer;
    userId: string;
    ttlHours: number;
    purpose: PasswordTokenPurpose;
  }): Promise<void> {
    await this.execute(
      `INSERT INTO password_token (token_hash, tenant_id, user_id, expires_at, purpose)
       VALUES ($2, $1, $3, now() + make_interval(hours => $4), $5)`,
      [token.hash, token.userId, token.ttlHours, token.purpose],
    );
  }

  /**
   * Spends an open, unexpired token: its user, or null. The `UPDATE … WHERE used_at IS
   * NULL` takes the row lock, so of many requests with one token one finds it open.
   */
  async spend(
    hash: Buffer,
    purpose: PasswordTokenPurpose,
  ): Promise<string | null> {
    const [userId] = await this.select(
      `WITH spent AS (
         UPDATE password_token SET used_at = now()
          WHERE tenant_id = $1 AND token_hash = $2 AND purpose = $3
            AND used_at IS NULL AND expires_at > now()
         RETURNING user_id)
       SELECT user_id FROM spent`,
      [hash, purpose],
      (row) => text(row, 'user_id'),
    );
    return userId ?? null;
  }

  // Definer functions: tenant-free, each scopes itself (see AuthRepository).

  /** Which tenant issued a token: a link carries no tenant, so none is set yet. */
  async tenantOf(hash: Buffer): Promise<string | null> {
    const [row] = await this.definerWithoutTenant(
      'SELECT app_password_token_tenant($1) AS id',
      [hash],
    );
    return row ? optionalText(row, 'id') : null;
  }
}
