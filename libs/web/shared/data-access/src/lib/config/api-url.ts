import { inject } from '@angular/core';
import { AppConfig } from './app-config';

/**
 * Joins the API base URL and an absolute API path such as `/api/staff/users`. Paths are
 * written by our code, never taken from user input; ids inside them go through
 * `encodeURIComponent` at the call site.
 */
export function apiUrl(apiBaseUrl: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new Error(`API path must start with a single "/": ${path}`);
  }
  return `${apiBaseUrl}${path}`;
}

/** In an injection context: a function from an API path to its absolute URL. */
export function injectApiUrl(): (path: string) => string {
  const config = inject(AppConfig);
  return (path) => apiUrl(config.apiBaseUrl(), path);
}

/**
 * The request's path below the API base (e.g. `/api/auth/me`), or null when `url` does not
 * address the API: another origin, or outside the base path. Relative URLs resolve against
 * the page, so `/config.json` is never mistaken for the API unless the API shares the origin
 * and has no path prefix, and then only paths under `/api/` count.
 */
export function apiPathOf(url: string, apiBaseUrl: string): string | null {
  let target: URL;
  let base: URL;
  try {
    base = new URL(apiBaseUrl);
    target = new URL(url, globalThis.location?.href ?? base.href);
  } catch {
    return null;
  }
  if (target.origin !== base.origin) {
    return null;
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix !== '' && !target.pathname.startsWith(`${prefix}/`)) {
    return null;
  }
  const path = target.pathname.slice(prefix.length);
  if (prefix === '' && !path.startsWith('/api/')) {
    return null;
  }
  return path;
}
