import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * The Idempotency-Key for one logical mutation. Leave unset and the interceptor makes a
 * fresh one per call; set it to resend the same mutation (e.g. after a network error) so
 * the API answers with the stored result instead of acting twice.
 */
export const IDEMPOTENCY_KEY = new HttpContextToken<string | null>(() => null);

/**
 * Whether a staff call that stays unauthenticated after one silent refresh sends the user
 * to the login page. Route guards turn it off and redirect themselves.
 */
export const REDIRECT_TO_LOGIN = new HttpContextToken<boolean>(() => true);

export function withIdempotencyKey(
  key: string,
  context = new HttpContext(),
): HttpContext {
  return context.set(IDEMPOTENCY_KEY, key);
}
