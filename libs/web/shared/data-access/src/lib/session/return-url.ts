/** Where staff land after signing in when no (usable) return URL was given. */
export const DEFAULT_AFTER_LOGIN = '/staff';

export const LOGIN_PATH = '/login';

const ORIGIN = 'https://foyer.invalid';

/** Backslashes and control characters: browsers read `/\evil` as `//evil`. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
const UNSAFE_CHARACTERS = /[\\\u0000-\u001f\u007f]/;

/**
 * The return URL if it is a path inside this app, else null. Rejects absolute and
 * protocol-relative URLs (`//evil`, `/\evil`), schemes (`javascript:`), control characters,
 * and the login page itself (no loops).
 */
export function safeReturnUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) {
    return null;
  }
  if (
    !raw.startsWith('/') ||
    UNSAFE_CHARACTERS.test(raw) ||
    raw.startsWith('//')
  ) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) {
    return null;
  }
  if (
    url.pathname === LOGIN_PATH ||
    url.pathname.startsWith(`${LOGIN_PATH}/`)
  ) {
    return null;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
