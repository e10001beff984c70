import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TokenHasher } from '@foyer/api/platform/crypto';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { cookieNames } from './cookies';

const SESSION = Symbol('foyer.csrfSession');

/** The session a CSRF token is bound to: the access token's, or the refresh token's on refresh. */
export function bindCsrfSession(req: object, sessionId: string): void {
  (req as Record<symbol, string>)[SESSION] = sessionId;
}

/**
 * Signed double-submit CSRF (csrf-csrf): the token is an HMAC bound to the login session,
 * sent back only in the X-CSRF-Token header and compared in constant time.
 */
@Injectable()
export class CsrfTokens {
  private readonly csrf: ReturnType<typeof doubleCsrf>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, hasher: TokenHasher) {
    const secret = hasher.derive('csrf');
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req) =>
        (req as unknown as Record<symbol, string | undefined>)[SESSION] ?? '',
      cookieName: cookieNames(config.isProduction).csrf,
      cookieOptions: {
        sameSite: 'strict',
        secure: config.isProduction,
        path: '/',
        httpOnly: true,
      },
      getCsrfTokenFromRequest: (req) => {
        const header = req.headers['x-csrf-token'];
        return typeof header === 'string' ? header : undefined;
      },
      ignoredMethods: ['GET', 'HEAD', 'OPTIONS'],
    });
  }

  issue(req: Request, res: Response, sessionId: string): string {
    bindCsrfSession(req, sessionId);
    return this.csrf.generateCsrfToken(req, res, { overwrite: true });
  }

  valid(req: Request): boolean {
    return this.csrf.validateRequest(req);
  }
}
