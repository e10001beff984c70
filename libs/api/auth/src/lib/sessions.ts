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
 * A token is current while its session is open, the membership enabled, and the session
 * was not started before the user's `tokensValidAfter`. That last comparison is between
 * two database timestamps (the session's `created_at` and `tokens_valid_after`, both
 * microseconds, both from PostgreSQL's clock), not against the JWT's whole-second `iat`:
 * a token minted in the same second as a revocation, but before it, belongs to a session
 * created before it and is refused, while a session started a moment after it (the one a
 * password change hands back, a fresh login) is accepted at once. Every token carries its
 * session id and is minted after its session is created, so this covers every token.
 */
export function isCurrent(state: SessionState): boolean {
  return !state.revoked && !state.disabled && !state.stale;
}

/** What ended, so the caller can audit it and close the sessions' sockets. */
export interface RevokedSession {
  sessionId: string;
  tenantId: string;
}

/** Told (after commit) which sessions were revoked; realtime closes their sockets. */
export type RevocationListener = (sessionIds: readonly string[]) => void;

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
  /** The session began before the user's tokensValidAfter (a revocation of every session). */
  stale: boolean;
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
      stale: boolean;
    }[] = await this.context.manager.query(
      `SELECT s.tenant_id, m.role, (s.revoked_at IS NOT NULL OR s.expires_at <= now()) AS revoked,
              (m.disabled_at IS NOT NULL) AS disabled, (s.created_at < u.tokens_valid_after) AS stale
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
          stale: row.stale,
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
    if (!state || !isCurrent(state)) {
      return { kind: 'invalid' };
    }
    return {
      kind: 'rotated',
      tokens: await this.issue(sessionId, userId, state.role),
      role: state.role,
    };
  }

  /** Ends one session of this tenant; false when it was not open any more. */
  async revoke(sessionId: string, reason: string): Promise<boolean> {
    const rows = await this.updated<{ id: string }>(
      `UPDATE auth_session SET revoked_at = now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [sessionId, reason],
    );
    this.announce(rows.map((row) => row.id));
    return rows.length > 0;
  }

  /**
   * Every open session of a user in this tenant (a membership change here: the user's
   * sessions in other tenants are another tenant's business).
   */
  async revokeAll(userId: string, reason: string): Promise<number> {
    const rows = await this.updated<{ id: string }>(
      `UPDATE auth_session SET revoked_at = now(), revoke_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, reason],
    );
    this.announce(rows.map((row) => row.id));
    return rows.length;
  }

  /**
   * Every open session of a user in every tenant (logout-all, a password change or set),
   * and `tokensValidAfter` moved to this transaction's start so a session being created
   * concurrently is refused too. Sessions of other tenants are outside this transaction's
   * RLS scope, so this goes through the `app_revoke_user_sessions` definer function.
   */
  async revokeEverywhere(
    userId: string,
    reason: string,
  ): Promise<RevokedSession[]> {
    const rows: { session_id: string; tenant_id: string }[] =
      await this.context.manager.query(
        'SELECT session_id, tenant_id FROM app_revoke_user_sessions($1, $2)',
        [userId, reason],
      );
    this.announce(rows.map((row) => row.session_id));
    return rows.map((row) => ({
      sessionId: row.session_id,
      tenantId: row.tenant_id,
    }));
  }

  /** Registers who hears of revoked sessions (the `/staff` gateway). */
  onRevoked(listener: RevocationListener): void {
    this.listeners.push(listener);
  }

  private readonly listeners: RevocationListener[] = [];

  /** The RETURNING rows of an UPDATE (TypeORM answers an UPDATE with `[rows, count]`). */
  private async updated<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result: unknown = await this.context.manager.query(sql, params);
    const rows =
      Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
    return Array.isArray(rows) ? (rows as T[]) : [];
  }

  /** After commit, so a socket that reconnects at once finds its session revoked. */
  private announce(sessionIds: string[]): void {
    if (sessionIds.length === 0 || this.listeners.length === 0) {
      return;
    }
    this.context.afterCommit(() => {
      for (const listener of this.listeners) {
        try {
          listener(sessionIds);
        } catch {
          // Fire-and-forget: closing sockets never fails the revocation.
        }
      }
    });
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
