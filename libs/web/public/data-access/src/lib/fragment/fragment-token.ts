import { TOKEN_PATTERN } from '@foyer/contracts';

/**
 * Reads the one-time token from a link such as `/confirm#t=…` and removes the fragment
 * from the address bar at once, so the secret does not linger in the URL, in history
 * entries the user shares, or in screenshots. The fragment never reaches any server; the
 * token travels only in a POST body. Returns null for a missing token or one not of the
 * API's form (`TOKEN_PATTERN`), which is not worth a request.
 */
export function takeFragmentToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const hash = location.hash.startsWith('#')
    ? location.hash.slice(1)
    : location.hash;
  if (hash === '') {
    return null;
  }
  // Keep the router's own history state; only the URL changes.
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}`,
  );
  const token = new URLSearchParams(hash).get('t');
  return token !== null && TOKEN_PATTERN.test(token) ? token : null;
}
