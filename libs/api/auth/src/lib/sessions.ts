import { Injectable } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { TenantContext, TokenHasher } from '@foyer/api/platform';
import { randomUUID } from 'node:crypto';
import { REFRESH_TTL_SECONDS } from './cookies';
import { AuthTokens } from './tokens';

export const REFRESH_PURPOSE = 'refresh';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  sessionId: string;
}

/**
 * A token is current while its session is open, the membership enabled, and it was not
 * issued before the user's tokensValidAfter (compared in whole seconds, as JWTs carry them).
 */
export function isCurrent(
  state: SessionState,
  issuedAtSeconds: number,
): boolean {
  return (
    !state.revoked &&
    !state.disabled &&
    issuedAtSeconds >= Math.floor(state.tokensValidAfter.getTime() / 1000)
  );
}

export type RotateOutcome =
  | { kind: 'rotated'; tokens: IssuedTokens; role: Role }
  | { kind: 'reused' }
  | { kind: 'invalid' };

export interface SessionState {
  userId: string;
  tenantId: string;
  role: Role;
  revoked: boolean;
  disabled: boolean;
  tokensValidAfter: Date;
}

/**
 * Login sessions and their refresh-token family. Each refresh spends the presented token
 * and issues the next; presenting a spent one revokes the whole session (token theft).
 * Runs inside the session's tenant context.
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly context: TenantContext,
    private readonly tokens: AuthTokens,
    private readonly hasher: TokenHasher,
  ) {}

  async start(userId: string, role: Role): Promise<IssuedTokens> {
    const tenantId = this.requireTenant();
    const sessionId = randomUUID();
    await this.context.manager.query(
      `INSERT INTO auth_session (id, tenant_id, user_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sessionId, tenantId, userId, REFRESH_TTL_SECONDS],
    );
    return this.issue(sessionId, userId, role);
  }

  /** The state a token's session is in now, or null when it does not exist in this tenant. */
  async state(sessionId: string, userId: string): Promise<SessionState | null> {
    const rows: {
      tenant_id: string;
      role: Role;
      revoked: boolean;
      disabled: boolean;
      tokens_valid_after: Date;
    }[] = await this.context.manager.query(
      `SELECT s.tenant_id, m.role, (s.revoked_at IS NOT NULL OR s.expires_at <= now()) AS revoked,
              (m.disabled_at IS NOT NULL) AS disabled, u.tokens_valid_after
         FROM auth_session s
         JOIN membership m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
         JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2`,
      [sessionId, userId],
    );
    const row = rows[0];
    return row
      ? {
          userId,
          tenantId: row.tenant_id,
          role: row.role,
          revoked: row.revoked,
          disabled: row.disabled,
          tokensValidAfter: row.tokens_valid_after,
        }
      : null;
  }

  /**
   * Spends a refresh token and issues the next pair. A spent token presented again means
   * it was copied: the whole session is revoked. The outcome is returned rather than
   * thrown so the revocation commits before the caller answers 401.
   */
  async rotate(
    refreshToken: string,
    sessionId: string,
    userId: string,
    issuedAt: number,
  ): Promise<RotateOutcome> {
    const hash = this.hasher.hash(REFRESH_PURPOSE, refreshToken);
    const rows: { session_id: string; spent: boolean; expired: boolean }[] =
      await this.context.manager.query(
        `SELECT session_id, spent_at IS NOT NULL AS spent, expires_at <= now() AS expired
         FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [hash],
      );
    const row = rows[0];
    if (!row || row.session_id !== sessionId || row.expired) {
      return { kind: 'invalid' };
    }
    if (row.spent) {
      await this.revoke(sessionId, 'refresh_reused');
      return { kind: 'reused' };
    }
    await this.context.manager.query(
      `UPDATE refresh_token SET spent_at = now() WHERE token_hash = $1`,
      [hash],
    );
    const state = await this.state(sessionId, userId);
    if (!state || !isCurrent(state, issuedAt)) {
      return { kind: 'invalid' };
    }
    return {
      kind: 'rotated',
      tokens: await this.issue(sessionId, userId, state.role),
      role: state.role,
    };
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.context.manager.query(
      `UPDATE auth_session SET revoked_at = now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  /** Every open session of a user in this tenant, optionally but one. */
  async revokeAll(
    userId: string,
    reason: string,
    exceptSessionId?: string,
  ): Promise<number> {
    const rows = await this.context.manager.query(
      `UPDATE auth_session SET revoked_at = now(), revoke_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
      [userId, reason, exceptSessionId ?? null],
    );
    return (rows as unknown[]).length;
  }

  private async issue(
    sessionId: string,
    userId: string,
    role: Role,
  ): Promise<IssuedTokens> {
    const tenantId = this.requireTenant();
    const accessToken = this.tokens.signAccess({
      sub: userId,
      tid: tenantId,
      role,
      sid: sessionId,
    });
    const refreshToken = this.tokens.signRefresh({
      sub: userId,
      tid: tenantId,
      sid: sessionId,
    });
    await this.context.manager.query(
      `INSERT INTO refresh_token (token_hash, session_id, tenant_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [
        this.hasher.hash(REFRESH_PURPOSE, refreshToken),
        sessionId,
        tenantId,
        REFRESH_TTL_SECONDS,
      ],
    );
    return { accessToken, refreshToken, expiresIn: 15 * 60, sessionId };
  }

  private requireTenant(): string {
    const tenantId = this.context.tenantId;
    if (!tenantId) {
      throw new Error('sessions live inside a tenant context');
    }
    return tenantId;
  }
}
