import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ErrorCode } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  IS_PUBLIC,
  SecurityEvents,
  declaredRoute,
  setCallerScope,
  setRequestTenant,
} from '@foyer/api/platform';
import type { Request } from 'express';
import { cookieNames } from './cookies';
import { CsrfTokens, bindCsrfSession } from './csrf';
import { ACCESS_STRATEGY } from './access-token.strategy';
import { StaffPrincipal, principalOf } from './principal';
import { AuthTokens } from './tokens';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one route that spends the refresh cookie, as declared (not as a request spells it). */
const REFRESH_ROUTE = '/api/auth/refresh';
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
      throw new DomainError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'Sign in to continue.',
      );
    }
    return principal;
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
    const usesCookies = this.usesCookies(req, context);
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

  private usesCookies(req: Request, context: ExecutionContext): boolean {
    const principal = principalOf(req);
    if (principal) {
      return principal.mode === 'cookie';
    }
    // Refreshing by cookie uses an ambient credential too: bind CSRF to its session. Login
    // and set-password need none, even when a stale refresh cookie rides along. The route
    // is the handler's declared one, so no spelling of the URL skips this.
    const refresh = req.cookies?.[
      cookieNames(this.config.isProduction).refresh
    ] as string | undefined;
    const claims =
      refresh && declaredRoute(context).path === REFRESH_ROUTE
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
