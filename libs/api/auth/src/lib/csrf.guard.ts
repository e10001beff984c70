import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { DomainError } from '@foyer/api/platform/errors';
import { declaredRoute } from '@foyer/api/platform/http';
import { SecurityEvents } from '@foyer/api/platform/logging';
import type { Request } from 'express';
import { cookieNames } from './cookies';
import { CsrfTokens, bindCsrfSession } from './csrf-tokens.service';
import { principalOf } from './principal';
import { AuthTokens } from './auth-tokens.service';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one route that spends the refresh cookie, as declared (not as a request spells it). */
const REFRESH_ROUTE = '/api/auth/refresh';
export const CHECK_ORIGIN = 'foyer:check-origin';

/** Public mutations that browsers send (login, set-password) still get the origin checks. */
export const CheckOrigin = () => SetMetadata(CHECK_ORIGIN, true);

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
        ErrorCode.ORIGIN_NOT_ALLOWED,
        'Requests from this origin are not allowed.',
      );
    }
  }
}
