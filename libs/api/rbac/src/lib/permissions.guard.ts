import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Permission, Role } from '@foyer/contracts';
import { routeSurface } from '@foyer/api/platform/http';
import { hasPermissions, permissionsFor } from './permissions';
import {
  MEMBER_ONLY,
  REQUIRED_PERMISSIONS,
} from './require-permissions.decorator';

/** What the auth module puts on `req.user` once a credential is verified. */
export interface AuthenticatedPrincipal {
  role: Role;
  /** Permissions carried by the credential; never more than the role grants. */
  permissions?: readonly Permission[];
}

interface GuardedRequest {
  user?: AuthenticatedPrincipal | null;
}

/**
 * The intersection of what the role grants and what the credential carries: a
 * credential listing more than its role (forged, or issued before a demotion) gains nothing.
 */
function effectivePermissions(
  principal: AuthenticatedPrincipal,
): readonly Permission[] {
  const fromRole = permissionsFor(principal.role);
  if (principal.permissions === undefined) {
    return fromRole;
  }
  const carried = new Set<string>(
    Array.isArray(principal.permissions) ? principal.permissions : [],
  );
  return fromRole.filter((permission) => carried.has(permission));
}

/**
 * Enforces `@RequirePermissions`. Fails closed: a staff route that declares nothing is
 * refused (a forgotten decorator must not open a route), as is a request without a
 * principal or one missing any required permission.
 *
 * Only HTTP is governed here; socket.io handshakes authenticate separately, and a
 * non-HTTP handler that declares permissions is refused because there is no principal
 * this guard knows how to read.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required =
      this.reflector.getAllAndOverride<readonly Permission[] | undefined>(
        REQUIRED_PERMISSIONS,
        [context.getHandler(), context.getClass()],
      ) ?? [];

    if (context.getType() !== 'http') {
      if (required.length > 0) {
        throw new ForbiddenException();
      }
      return true;
    }

    const req = context.switchToHttp().getRequest<GuardedRequest>();
    const memberOnly = this.reflector.getAllAndOverride<boolean | undefined>(
      MEMBER_ONLY,
      [context.getHandler(), context.getClass()],
    );
    if (required.length === 0 && memberOnly) {
      if (!req.user || typeof req.user !== 'object') {
        throw new UnauthorizedException();
      }
      return true;
    }
    if (required.length === 0) {
      // The staff rule follows the route that matched (its controller's declared path),
      // not the URL: no spelling, rewrite or mount point makes a staff route look public.
      if (routeSurface(context) === 'staff') {
        throw new ForbiddenException();
      }
      return true;
    }

    const principal = req.user;
    if (
      principal === undefined ||
      principal === null ||
      typeof principal !== 'object'
    ) {
      throw new UnauthorizedException();
    }
    if (!hasPermissions(effectivePermissions(principal), required)) {
      throw new ForbiddenException();
    }
    return true;
  }
}
