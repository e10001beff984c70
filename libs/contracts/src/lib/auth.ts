import * as z from 'zod/mini';
import { listOf } from './http';
import { ROLES, isPermission } from './permissions';
import { identifier, isoTime } from './wire';

/** Bodies and answers of `/api/auth/*` (staff sign-in, sessions, account links). */

export interface LoginRequest {
  email: string;
  password: string;
  /** Which of the user's venues to sign in to; the first one when left out. */
  tenantSlug?: string;
}

/** Bearer clients send the refresh token here; browsers send `{}` and the cookie. */
export interface RefreshRequest {
  refreshToken?: string;
}

export interface SwitchTenantRequest {
  tenantId: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Set-password and reset-password: the link's one-time token and the new password. */
export interface SetPasswordRequest {
  token: string;
  newPassword: string;
}

export interface ForgotPasswordRequest {
  email: string;
}

export const StaffUser = z.object({
  id: identifier,
  email: z.string(),
  displayName: z.string(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const TenantSummary = z.object({
  id: identifier,
  slug: z.string(),
  name: z.string(),
});
export type TenantSummary = z.infer<typeof TenantSummary>;

/** One of the user's active memberships, with its tenant's slug and name. */
export const SessionMembership = z.object({
  tenantId: identifier,
  slug: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type SessionMembership = z.infer<typeof SessionMembership>;

/**
 * Permissions a reader does not know are dropped rather than refused: a newer API can never
 * make an older SPA grant more than the permissions it was built with.
 */
const knownPermissions = z.pipe(
  z.array(z.string()),
  z.transform((values) => values.filter(isPermission)),
);

/**
 * The signed-in user, where, and what they may do there: `GET /api/auth/me`, and login,
 * refresh, switch-tenant and password in cookie mode, which add the session's `csrfToken`.
 */
const csrfToken = z.string().check(z.minLength(1));

export const SessionView = z.object({
  user: StaffUser,
  tenant: TenantSummary,
  role: z.enum(ROLES),
  permissions: knownPermissions,
  memberships: z.array(SessionMembership),
  csrfToken: z.optional(csrfToken),
});
export type SessionView = z.infer<typeof SessionView>;

/** `GET /api/auth/csrf`. */
export const CsrfToken = z.object({ csrfToken });
export type CsrfToken = z.infer<typeof CsrfToken>;

/** One open session of the user, in any tenant; `current` marks the caller's. */
export const SignedInSession = z.object({
  id: identifier,
  tenant: TenantSummary,
  userAgent: z.nullable(z.string()),
  ip: z.nullable(z.string()),
  createdAt: isoTime,
  lastUsedAt: isoTime,
  current: z.boolean(),
});
export type SignedInSession = z.infer<typeof SignedInSession>;

/** `GET /api/auth/sessions`, most recently used first. */
export const SignedInSessions = listOf(SignedInSession);
export type SignedInSessions = z.infer<typeof SignedInSessions>;
