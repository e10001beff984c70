import { ErrorCode, Permission, Role } from '@foyer/contracts';
import { DomainError } from '@foyer/api/platform/errors';

/** The verified caller of a staff request, from the access token checked against its session. */
export interface StaffPrincipal {
  sub: string;
  tid: string;
  sid: string;
  role: Role;
  permissions: readonly Permission[];
  /** How the credential arrived: cookies need CSRF protection, a bearer header does not. */
  mode: 'cookie' | 'bearer';
}

export function principalOf(req: object): StaffPrincipal | undefined {
  return (req as { user?: StaffPrincipal }).user;
}

export function setPrincipal(req: object, principal: StaffPrincipal): void {
  (req as { user?: StaffPrincipal }).user = principal;
}

/** The caller of a route that needs a signed-in user: `401 UNAUTHENTICATED` without one. */
export function requirePrincipal(req: object): StaffPrincipal {
  const principal = principalOf(req);
  if (!principal) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
  }
  return principal;
}
