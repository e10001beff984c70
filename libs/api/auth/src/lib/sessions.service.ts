import { Injectable } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { TokenHasher } from '@foyer/api/platform/crypto';
import { TenantContext } from '@foyer/api/platform/database';
import { clientIp } from '@foyer/api/platform/http';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { REFRESH_TTL_SECONDS } from './cookies';
import { RefreshTokenRepository } from './refresh-token.repository';
import { OpenSession, RevokedSession } from './session.mapper';
import { SessionRepository } from './session.repository';
import { AuthTokens } from './auth-tokens.service';

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

export type { OpenSession, RevokedSession } from './session.mapper';

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
    private readonly sessions: SessionRepository,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  async start(
    userId: string,
    role: Role,
    device: SessionDevice,
  ): Promise<IssuedTokens> {
    this.requireTenant();
    const sessionId = randomUUID();
    await this.sessions.insert({
      id: sessionId,
      userId,
      ttlSeconds: REFRESH_TTL_SECONDS,
      device,
    });
    return this.issue(sessionId, userId, role);
  }

  /** The state a token's session is in now, or null when it does not exist in this tenant. */
  async state(sessionId: string, userId: string): Promise<SessionState | null> {
    const record = await this.sessions.state(sessionId, userId);
    return record ? { userId, ...record } : null;
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
    // FOR UPDATE: concurrent presentations of one token queue here.
    const token = await this.refreshTokens.lock(hash);
    if (!token || token.sessionId !== sessionId || token.expired) {
      return { kind: 'invalid' };
    }
    if (token.spent) {
      return {
        kind: 'reused',
        ended: await this.revoke(sessionId, 'refresh_reused'),
      };
    }
    await this.refreshTokens.spend(hash);
    const state = await this.state(sessionId, userId);
    if (!state || !isCurrent(state)) {
      return { kind: 'invalid' };
    }
    // A refresh is the session's use: the list shows when and from where it was last.
    await this.sessions.touch(sessionId, device);
    return {
      kind: 'rotated',
      tokens: await this.issue(sessionId, userId, state.role),
      role: state.role,
    };
  }

  /** Ends one session of this tenant; false when it was not open any more. */
  async revoke(sessionId: string, reason: string): Promise<boolean> {
    const ids = await this.sessions.revoke(sessionId, reason);
    this.announce(ids);
    return ids.length > 0;
  }

  /**
   * Every open session of a user in this tenant (a membership change here: the user's
   * sessions in other tenants are another tenant's business).
   */
  async revokeAll(userId: string, reason: string): Promise<number> {
    const ids = await this.sessions.revokeAllOf(userId, reason);
    this.announce(ids);
    return ids.length;
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
    const revoked = await this.sessions.revokeEverywhere(userId, reason);
    this.announce(revoked.map((session) => session.sessionId));
    return revoked;
  }

  /** The user's open sessions in every tenant, most recently used first. */
  listOwn(userId: string): Promise<OpenSession[]> {
    return this.sessions.openSessionsOf(userId);
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
    const tenantId = await this.sessions.revokeOwn(userId, sessionId, reason);
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
    await this.refreshTokens.insert({
      hash: this.hasher.hash(REFRESH_PURPOSE, refreshToken),
      sessionId,
      ttlSeconds: REFRESH_TTL_SECONDS,
    });
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
