import { Injectable } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { TenantContext, TokenHasher, clientIp } from '@foyer/api/platform';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
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

/** The device a session was started or last refreshed from, as the user sees it in their list. */
export interface SessionDevice {
  userAgent: string | null;
  ip: string | null;
}

/** The device of a request: its user agent (cut to 256 characters) and client IP. */
export function deviceOf(req: object): SessionDevice {
  const request = req as {
    headers?: Record<string, string | string[] | undefined>;
    ip?: string;
  };
  const agent = request.headers?.['user-agent'];
  const userAgent =
    typeof agent === 'string' && agent ? agent.slice(0, 256) : null;
  const ip = clientIp(request);
  return { userAgent, ip: isIP(ip) ? ip : null };
}

/** One of the user's open sessions, in any tenant (GET /api/auth/sessions). */
export interface OpenSession {
  id: string;
  tenant: { id: string; slug: string; name: string };
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string;
}

export type RotateOutcome =
  | { kind: 'rotated'; tokens: IssuedTokens; role: Role }
  /** `ended`: this presentation ended the session (later ones find it ended already). */
  | { kind: 'reused'; ended: boolean }
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

  async start(
    userId: string,
    role: Role,
    device: SessionDevice,
  ): Promise<IssuedTokens> {
    const tenantId = this.requireTenant();
    const sessionId = randomUUID();
    await this.context.manager.query(
      `INSERT INTO auth_session (id, tenant_id, user_id, expires_at, user_agent, ip)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6)`,
      [
        sessionId,
        tenantId,
        userId,
        REFRESH_TTL_SECONDS,
        device.userAgent,
        device.ip,
      ],
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
              (m.disabled_at IS NOT NULL OR m.status <> 'active') AS disabled,
              (s.created_at < u.tokens_valid_after) AS stale
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
    device: SessionDevice,
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
      return {
        kind: 'reused',
        ended: await this.revoke(sessionId, 'refresh_reused'),
      };
    }
    await this.context.manager.query(
      `UPDATE refresh_token SET spent_at = now() WHERE token_hash = $1`,
      [hash],
    );
    const state = await this.state(sessionId, userId);
    if (!state || !isCurrent(state)) {
      return { kind: 'invalid' };
    }
    // A refresh is the session's use: the list shows when and from where it was last.
    await this.context.manager.query(
      `UPDATE auth_session SET last_used_at = now(), ip = COALESCE($2, ip),
              user_agent = COALESCE($3, user_agent) WHERE id = $1`,
      [sessionId, device.ip, device.userAgent],
    );
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

  /** The user's open sessions in every tenant, most recently used first. */
  async listOwn(userId: string): Promise<OpenSession[]> {
    const rows: {
      id: string;
      tenant_id: string;
      slug: string;
      name: string;
      user_agent: string | null;
      ip: string | null;
      created_at: Date;
      last_used_at: Date;
    }[] = await this.context.withoutTenant((manager) =>
      manager.query(
        `SELECT id, tenant_id, slug, name, user_agent, ip, created_at, last_used_at
           FROM app_user_open_sessions($1)`,
        [userId],
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      tenant: { id: row.tenant_id, slug: row.slug, name: row.name },
      userAgent: row.user_agent,
      ip: row.ip,
      createdAt: row.created_at.toISOString(),
      lastUsedAt: row.last_used_at.toISOString(),
    }));
  }

  /**
   * Ends one of the user's own sessions, whichever tenant it lives in (the definer
   * function checks it is theirs). Returns its tenant, or null when the user has no such
   * open session: another user's id and an ended session are the same answer.
   */
  async revokeOwn(
    userId: string,
    sessionId: string,
    reason: string,
  ): Promise<string | null> {
    const rows: { tenant_id: string | null }[] =
      await this.context.manager.query(
        'SELECT app_revoke_own_session($1, $2, $3) AS tenant_id',
        [userId, sessionId, reason],
      );
    const tenantId = rows[0]?.tenant_id ?? null;
    if (tenantId) {
      this.announce([sessionId]);
    }
    return tenantId;
  }

  /** Sessions a definer function ended (a password reset): their sockets close after commit. */
  announceRevoked(sessionIds: readonly string[]): void {
    this.announce([...sessionIds]);
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
