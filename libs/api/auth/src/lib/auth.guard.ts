import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  IS_PUBLIC,
  SecurityEvents,
  TenantContext,
  setCallerScope,
  setRequestTenant,
} from '@foyer/api/platform';
import { permissionsFor } from '@foyer/api/rbac';
import type { Request } from 'express';
import { cookieNames } from './cookies';
import { CsrfTokens, bindCsrfSession } from './csrf';
import { StaffPrincipal, principalOf, setPrincipal } from './principal';
import { Sessions, isCurrent } from './sessions';
import { AuthTokens } from './tokens';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CHECK_ORIGIN = 'foyer:check-origin';

/** Public mutations that browsers send (login, set-password) still get the origin checks. */
export const CheckOrigin = () => SetMetadata(CHECK_ORIGIN, true);

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
 * staff credential. The access token (bearer header or cookie) is checked against its
 * session on every request: revoked sessions, disabled memberships and tokens issued
 * before `tokensValidAfter` are refused, and the role comes from the membership now.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AuthTokens,
    private readonly sessions: Sessions,
    private readonly context: TenantContext,
    private readonly security: SecurityEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
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
    const bearer = bearerToken(req);
    const cookie = req.cookies?.[
      cookieNames(this.config.isProduction).access
    ] as string | undefined;
    const token = bearer ?? cookie;
    const claims = token ? this.tokens.verifyAccess(token) : null;
    if (!claims) {
      if (token) this.security.record('auth_failed', req, { reason: 'token' });
      throw new DomainError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'Sign in to continue.',
      );
    }
    const state = await this.context.run(claims.tid, () =>
      this.sessions.state(claims.sid, claims.sub),
    );
    if (!state || !isCurrent(state, claims.iat)) {
      this.security.record('auth_failed', req, { reason: 'session' });
      throw new DomainError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'Your session has ended; sign in again.',
      );
    }
    const principal: StaffPrincipal = {
      sub: claims.sub,
      tid: claims.tid,
      sid: claims.sid,
      role: state.role,
      permissions: permissionsFor(state.role),
      // With an auth cookie present the request carries an ambient credential: CSRF applies.
      mode: bearer && !cookie ? 'bearer' : 'cookie',
    };
    setPrincipal(req, principal);
    setCallerScope(req, `u:${claims.sub}`);
    setRequestTenant(req, claims.tid);
    bindCsrfSession(req, claims.sid);
    return true;
  }
}

/**
 * CSRF and origin checks for browser credentials: every cookie-authenticated mutation
 * must carry a valid X-CSRF-Token bound to its session, and an Origin (if sent) on the
 * allowlist; `Origin: null` and `Sec-Fetch-Site: cross-site` are always refused. A
 * bearer-only request carries no ambient credential and needs no CSRF token.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly csrf: CsrfTokens,
    private readonly tokens: AuthTokens,
    private readonly security: SecurityEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    if (!MUTATING.has(req.method)) {
      return true;
    }
    const usesCookies = this.usesCookies(req);
    const checksOrigin =
      usesCookies ||
      this.reflector.getAllAndOverride<boolean>(CHECK_ORIGIN, [
        context.getHandler(),
        context.getClass(),
      ]);
    if (checksOrigin) {
      this.checkOrigin(req);
    }
    if (usesCookies && !this.csrf.valid(req)) {
      this.security.record('csrf_refused', req);
      throw new DomainError(
        403,
        ErrorCode.CSRF_INVALID,
        'The CSRF token is missing or does not match this session.',
      );
    }
    return true;
  }

  private usesCookies(req: Request): boolean {
    const principal = principalOf(req);
    if (principal) {
      return principal.mode === 'cookie';
    }
    // The refresh cookie is an ambient credential too: bind CSRF to its session.
    const refresh = req.cookies?.[
      cookieNames(this.config.isProduction).refresh
    ] as string | undefined;
    const claims =
      refresh && req.path.startsWith('/api/auth/')
        ? this.tokens.verifyRefresh(refresh)
        : null;
    if (!claims) {
      return false;
    }
    bindCsrfSession(req, claims.sid);
    return true;
  }

  private checkOrigin(req: Request): void {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    const refused =
      site === 'cross-site' ||
      origin === 'null' ||
      (origin !== undefined && !this.config.CORS_ALLOWLIST.includes(origin));
    if (refused) {
      this.security.record('origin_refused', req);
      throw new DomainError(
        403,
        ErrorCode.ORIGIN_NOT_ALLOWED,
        'Requests from this origin are not allowed.',
      );
    }
  }
}
