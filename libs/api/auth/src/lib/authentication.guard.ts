import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ErrorCode } from '@foyer/contracts';
import { setRequestTenant } from '@foyer/api/platform/database';
import { DomainError } from '@foyer/api/platform/errors';
import { IS_PUBLIC, setCallerScope } from '@foyer/api/platform/http';
import { SecurityEvents } from '@foyer/api/platform/logging';
import type { Request } from 'express';
import { bindCsrfSession } from './csrf-tokens.service';
import { ACCESS_STRATEGY } from './access-token.strategy';
import { StaffPrincipal, principalOf } from './principal';

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match =
    typeof header === 'string'
      ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header)
      : null;
  return match?.[1];
}

/**
 * Authentication on by default. A route must say @Public() to be reachable without a
 * staff credential; everything else needs an access token accepted by AccessTokenStrategy.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard(ACCESS_STRATEGY) {
  constructor(
    private readonly reflector: Reflector,
    private readonly security: SecurityEvents,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    await super.canActivate(context);
    const principal = principalOf(req) as StaffPrincipal;
    setCallerScope(req, `u:${principal.sub}`);
    setRequestTenant(req, principal.tid);
    bindCsrfSession(req, principal.sid);
    return true;
  }

  override handleRequest<T>(
    error: unknown,
    principal: T | false,
    _info: unknown,
    context: ExecutionContext,
  ): T {
    if (error || !principal) {
      const req = context.switchToHttp().getRequest<Request>();
      if (req.headers.authorization || req.headers.cookie) {
        this.security.record('auth_failed', req, { reason: 'token' });
      }
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
    }
    return principal;
  }
}
