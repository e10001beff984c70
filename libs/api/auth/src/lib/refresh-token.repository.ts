import { Injectable } from '@nestjs/common';
import { Row, TenantContext, bool, text } from '@foyer/api/platform/database';
import { AuthRepository } from './auth-base.repository';

/** A refresh token as its rotation sees it. */
export interface RefreshTokenRecord {
  sessionId: string;
  spent: boolean;
  expired: boolean;
}

function toRefreshToken(row: Row): RefreshTokenRecord {
  return {
    sessionId: text(row, 'session_id'),
    spent: bool(row, 'spent'),
    expired: bool(row, 'expired'),
  };
}

/** The `refresh_token` table of the current tenant (tokens are stored as hashes only). */
@Injectable()
export class RefreshTokenRepository extends AuthRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /**
   * The token, row-locked until commit: of concurrent presentations of one token, one
   * spends it and the others wait, then find it spent.
   */
  lock(tokenHash: Buffer): Promise<RefreshTokenRecord | null> {
    return this.first(
      `SELECT session_id, spent_at IS NOT NULL AS spent, expires_at <= now() AS expired
         FROM refresh_token WHERE tenant_id = $1 AND token_hash = $2 FOR UPDATE`,
      [tokenHash],
      toRefreshToken,
    );
  }

  async spend(tokenHash: Buffer): Promise<void> {
    await this.execute(
      `UPDATE refresh_token SET spent_at = now() WHERE tenant_id = $1 AND token_hash = $2`,
      [tokenHash],
    );
  }

  async insert(token: {
    hash: Buffer;
    sessionId: string;
    ttlSeconds: number;
  }): Promise<void> {
    await this.execute(
      `INSERT INTO refresh_token (token_hash, session_id, tenant_id, expires_at)
       VALUES ($2, $3, $1, now() + make_interval(secs => $4))`,
      [token.hash, token.sessionId, token.ttlSeconds],
    );
  }
}
