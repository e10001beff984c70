import type { CookieOptions, Response } from 'express';

export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Cookie names: `__Host-`/`__Secure-` prefixed in production, where they are Secure. */
export function cookieNames(production: boolean) {
  return production
    ? {
        access: '__Host-foyer_at',
        refresh: '__Secure-foyer_rt',
        csrf: '__Host-foyer_csrf',
      }
    : { access: 'foyer_at', refresh: 'foyer_rt', csrf: 'foyer_csrf' };
}

function base(production: boolean): CookieOptions {
  return { httpOnly: true, secure: production, sameSite: 'strict' };
}

export function setAuthCookies(
  res: Response,
  production: boolean,
  tokens: { accessToken: string; refreshToken: string },
) {
  const names = cookieNames(production);
  res.cookie(names.access, tokens.accessToken, {
    ...base(production),
    path: '/',
    maxAge: ACCESS_TTL_SECONDS * 1000,
  });
  res.cookie(names.refresh, tokens.refreshToken, {
    ...base(production),
    path: '/api/auth',
    maxAge: REFRESH_TTL_SECONDS * 1000,
  });
}

export function clearAuthCookies(res: Response, production: boolean) {
  const names = cookieNames(production);
  res.clearCookie(names.access, { ...base(production), path: '/' });
  res.clearCookie(names.refresh, { ...base(production), path: '/api/auth' });
  res.clearCookie(names.csrf, { ...base(production), path: '/' });
}
