import { Controller, ExecutionContext, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '@foyer/api/platform/config';
import type { SecurityEvents } from '@foyer/api/platform/logging';
import { CsrfGuard } from './csrf.guard';
import type { CsrfTokens } from './csrf-tokens.service';
import type { AuthTokens } from './auth-tokens.service';

@Controller('api/auth')
class RefreshLikeController {
  @Post('refresh')
  refresh(): void {
    return;
  }

  @Post('login')
  login(): void {
    return;
  }
}

const HOSTILE = 'https://evil.example';

function guard(): { csrf: CsrfGuard; verified: string[] } {
  const verified: string[] = [];
  const tokens = {
    verifyRefresh: (token: string) => {
      verified.push(token);
      return { sid: 'session-1', sub: 'user-1', tid: 'tenant-1' };
    },
  } as unknown as AuthTokens;
  const csrfTokens = { valid: () => false } as unknown as CsrfTokens;
  const security = { record: () => undefined } as unknown as SecurityEvents;
  const config = {
    isProduction: false,
    CORS_ALLOWLIST: ['http://localhost:4200'],
  } as unknown as AppConfig;
  return {
    csrf: new CsrfGuard(new Reflector(), csrfTokens, tokens, security, config),
    verified,
  };
}

/** A request whose URL is spelled `url` that reached `method` of the refresh-like controller. */
function contextFor(
  method: 'refresh' | 'login',
  url: string,
  headers: Record<string, string> = {},
): ExecutionContext {
  const req = {
    method: 'POST',
    path: url,
    url,
    originalUrl: url,
    headers,
    cookies: { foyer_rt: 'refresh-token' },
  };
  return {
    getType: () => 'http',
    getHandler: () => RefreshLikeController.prototype[method],
    getClass: () => RefreshLikeController,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('CsrfGuard and the refresh cookie', () => {
  it.each([
    '/api/auth/refresh',
    '/API/AUTH/refresh',
    '/api/auth/refresh/',
    '/Api/Auth/Refresh',
    '/api//auth/refresh',
  ])(
    'treats %s that reached the refresh handler as cookie-authenticated',
    (url) => {
      const { csrf, verified } = guard();
      expect(() =>
        csrf.canActivate(contextFor('refresh', url, { origin: HOSTILE })),
      ).toThrow(expect.objectContaining({ code: 'ORIGIN_NOT_ALLOWED' }));
      expect(() => csrf.canActivate(contextFor('refresh', url))).toThrow(
        expect.objectContaining({ code: 'CSRF_INVALID' }),
      );
      expect(verified).toEqual(['refresh-token', 'refresh-token']);
    },
  );

  it('does not ask another handler for CSRF, even when its URL reads like refresh', () => {
    const { csrf, verified } = guard();
    expect(csrf.canActivate(contextFor('login', '/api/auth/refresh'))).toBe(
      true,
    );
    expect(verified).toEqual([]);
  });
});
