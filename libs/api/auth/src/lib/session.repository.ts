import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  optionalText,
  text,
} from '@foyer/api/platform/database';
import { AuthRepository } from './auth-base.repository';
import {
  OpenSession,
  RevokedSession,
  SessionRecord,
  toOpenSession,
  toRevokedSession,
  toSessionRecord,
} from './session.mapper';

/** The device a session was started or last refreshed from. */
export interface DeviceFacts {
  userAgent: string | null;
  ip: string | null;
}

/** The `auth_session` table of the current tenant. */
@Injectable()
export class SessionRepository extends AuthRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  async insert(session: {
    id: string;
    userId: string;
    ttlSeconds: number;
    device: DeviceFacts;
  }): Promise<void> {
    await this.execute(
      `INSERT INTO auth_session (id, tenant_id, user_id, expires_at, user_agent, ip)
       VALUES ($2, $1, $3, now() + make_interval(secs => $4), $5, $6)`,
      [
        session.id,
        session.userId,
        session.ttlSeconds,
        session.device.userAgent,
        session.device.ip,
      ],
    );
  }

  /**
   * The session with the user's membership and account, as one snapshot: whether it is
   * open, the membership enabled and active, and not older than `tokens_valid_after`.
   */
  state(sessionId: string, userId: string): Promise<SessionRecord | null> {
    return this.first(
      `SELECT s.tenant_id, m.role, (s.revoked_at IS NOT NULL OR s.expires_at <= now()) AS revoked,
              (m.disabled_at IS NOT NULL OR m.status <> 'active') AS disabled,
              (s.created_at < u.tokens_valid_after) AS stale
         FROM auth_session s
         JOIN membership m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
         JOIN app_user u ON u.id = s.user_id
        WHERE s.tenant_id = $1 AND s.id = $2 AND s.user_id = $3`,
      [sessionId, userId],
      toSessionRecord,
    );
  }

  /** A refresh is the session's use: when and from where it was last. */
  async touch(sessionId: string, device: DeviceFacts): Promise<void> {
    await this.execute(
      `UPDATE auth_session SET last_used_at = now(), ip = COALESCE($3, ip),
              user_agent = COALESCE($4, user_agent) WHERE tenant_id = $1 AND id = $2`,
      [sessionId, device.ip, device.userAgent],
    );
  }

  /** Ends one open session; its id, or none when it was not open any more. */
  revoke(sessionId: string, reason: string): Promise<string[]> {
    return this.select(
      `UPDATE auth_session SET revoked_at = now(), revoke_reason = $3
        WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
      [sessionId, reason],
      (row) => text(row, 'id'),
    );
  }

  /** Ends every open session of a user in this tenant; their ids. */
  revokeAllOf(userId: string, reason: string): Promise<string[]> {
    return this.select(
      `UPDATE auth_session SET revoked_at = now(), revoke_reason = $3
        WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
      [userId, reason],
      (row) => text(row, 'id'),
    );
  }

  // Definer functions: they reach the user's sessions in every tenant, which this
  // tenant's scope cannot, and each checks itself whose sessions they are.

  /**
   * Ends every open session of the user in every tenant and moves `tokens_valid_after`
   * to this transaction's start, in the caller's transaction (`app_revoke_user_sessions`).
   */
  async revokeEverywhere(
    userId: string,
    reason: string,
  ): Promise<RevokedSession[]> {
    const rows = await this.definer(
      'SELECT session_id, tenant_id FROM app_revoke_user_sessions($1, $2)',
      [userId, reason],
    );
    return rows.map(toRevokedSession);
  }

  /** The user's open sessions in every tenant, most recently used first. */
  async openSessionsOf(userId: string): Promise<OpenSession[]> {
    const rows = await this.definerWithoutTenant(
      `SELECT id, tenant_id, slug, name, user_agent, ip, created_at, last_used_at
         FROM app_user_open_sessions($1)`,
      [userId],
    );
    return rows.map(toOpenSession);
  }

  /**
   * Ends one of the user's own open sessions in whichever tenant, in the caller's
   * transaction; its tenant, or null when the user has no such open session.
   */
  async revokeOwn(
    userId: string,
    sessionId: string,
    reason: string,
  ): Promise<string | null> {
    const [row] = await this.definer(
      'SELECT app_revoke_own_session($1, $2, $3) AS tenant_id',
      [userId, sessionId, reason],
    );
    return row ? optionalText(row, 'tenant_id') : null;
  }
}
