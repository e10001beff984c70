import {
  ErrorCode,
  Permission,
  Role,
  isPermission,
  isRole,
} from '@foyer/contracts';
import { ApiError } from '../http/api-error';

export interface StaffUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
}

export interface TenantSummary {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

/** A tenant the signed-in user belongs to, with their role there. */
export interface Membership {
  readonly tenant: TenantSummary;
  readonly role: Role;
}

/** Who is signed in, where, and what they may do there. */
export interface AuthSession {
  readonly user: StaffUser;
  readonly tenant: TenantSummary;
  readonly role: Role;
  readonly permissions: readonly Permission[];
}

/** Body of login, switch-tenant and password (cookie mode). */
export interface AuthBody extends AuthSession {
  readonly csrfToken: string | null;
}

/** Body of `GET /api/auth/me`. */
export interface MeBody extends AuthSession {
  readonly memberships: readonly Membership[];
  readonly csrfToken: string | null;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function invalid(what: string): ApiError {
  return new ApiError(
    200,
    ErrorCode.INTERNAL,
    `The server sent an unexpected ${what}.`,
  );
}

function parseUser(value: unknown): StaffUser | null {
  const raw = record(value);
  const id = str(raw?.['id']);
  const email = str(raw?.['email']);
  if (!id || !email) {
    return null;
  }
  return { id, email, displayName: str(raw?.['displayName']) ?? email };
}

function parseTenant(value: unknown): TenantSummary | null {
  const raw = record(value);
  const id = str(raw?.['id']);
  if (!id) {
    return null;
  }
  return {
    id,
    slug: str(raw?.['slug']) ?? '',
    name: str(raw?.['name']) ?? str(raw?.['slug']) ?? id,
  };
}

/**
 * Accepts `{tenant: {id, slug, name}, role}` and the flat
 * `{tenantId, tenantSlug, tenantName, role}`; skips entries it cannot read.
 */
function parseMembership(value: unknown): Membership | null {
  const raw = record(value);
  if (!raw || !isRole(raw['role'])) {
    return null;
  }
  const tenant =
    parseTenant(raw['tenant']) ??
    parseTenant({
      id: raw['tenantId'],
      slug: raw['tenantSlug'] ?? raw['slug'],
      name: raw['tenantName'] ?? raw['name'],
    });
  return tenant ? { tenant, role: raw['role'] } : null;
}

/** Permissions we do not know are dropped: the UI never grants more than the contract names. */
function parsePermissions(value: unknown): Permission[] {
  return Array.isArray(value) ? value.filter(isPermission) : [];
}

export function parseAuthBody(value: unknown): AuthBody {
  const raw = record(value);
  const user = parseUser(raw?.['user']);
  const tenant = parseTenant(raw?.['tenant']);
  const role = raw?.['role'];
  if (!raw || !user || !tenant || !isRole(role)) {
    throw invalid('sign-in response');
  }
  return {
    user,
    tenant,
    role,
    permissions: parsePermissions(raw['permissions']),
    csrfToken: str(raw['csrfToken']),
  };
}

export function parseMeBody(value: unknown): MeBody {
  const body = parseAuthBody(value);
  const raw = record(value) ?? {};
  const memberships = Array.isArray(raw['memberships'])
    ? raw['memberships'].flatMap((entry: unknown) => {
        const membership = parseMembership(entry);
        return membership ? [membership] : [];
      })
    : [];
  return { ...body, memberships };
}

/** `{csrfToken}` from `GET /api/auth/csrf` (and from any other body that carries one). */
export function parseCsrfToken(value: unknown): string | null {
  return str(record(value)?.['csrfToken']);
}
