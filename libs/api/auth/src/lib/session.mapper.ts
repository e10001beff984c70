import { ROLES, Role, SignedInSession } from '@foyer/contracts';
import {
  Row,
  bool,
  oneOf,
  optionalText,
  text,
  timestamp,
} from '@foyer/api/platform/database';

/** A session's standing as a token check sees it (see `isCurrent`). */
export interface SessionRecord {
  tenantId: string;
  role: Role;
  /** Revoked or expired. */
  revoked: boolean;
  /** The membership is disabled or not active. */
  disabled: boolean;
  /** The session began before the user's tokensValidAfter. */
  stale: boolean;
}

/** What ended, so the caller can audit it and close the sessions' sockets. */
export interface RevokedSession {
  sessionId: string;
  tenantId: string;
}

/** One of the user's open sessions, in any tenant: `GET /api/auth/sessions` adds `current`. */
export type OpenSession = Omit<SignedInSession, 'current'>;

export function toSessionRecord(row: Row): SessionRecord {
  return {
    tenantId: text(row, 'tenant_id'),
    role: oneOf(row, 'role', ROLES),
    revoked: bool(row, 'revoked'),
    disabled: bool(row, 'disabled'),
    stale: bool(row, 'stale'),
  };
}

export function toRevokedSession(row: Row): RevokedSession {
  return {
    sessionId: text(row, 'session_id'),
    tenantId: text(row, 'tenant_id'),
  };
}

export function toOpenSession(row: Row): OpenSession {
  return {
    id: text(row, 'id'),
    tenant: {
      id: text(row, 'tenant_id'),
      slug: text(row, 'slug'),
      name: text(row, 'name'),
    },
    userAgent: optionalText(row, 'user_agent'),
    ip: optionalText(row, 'ip'),
    createdAt: timestamp(row, 'created_at').toISOString(),
    lastUsedAt: timestamp(row, 'last_used_at').toISOString(),
  };
}
