import {
  HttpErrorResponse,
  HttpEvent,
  HttpHandlerFn,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ErrorCode, Header } from '@foyer/contracts';
import {
  Observable,
  catchError,
  defer,
  map,
  of,
  switchMap,
  throwError,
  timer,
} from 'rxjs';
import { AppConfig } from '../config/app-config';
import { apiPathOf } from '../config/api-url';
import { LOGIN_PATH, safeReturnUrl } from '../session/return-url';
import { SessionStore } from '../session/session.store';
import { parseRetryAfter, toApiError } from './api-error';
import { IDEMPOTENCY_KEY, REDIRECT_TO_LOGIN } from './http-context';

/** Longest `Retry-After` we wait out silently; anything longer goes to the caller. */
export const MAX_RETRY_AFTER_SECONDS = 30;

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Auth routes that work without a session (the emailed links' ones included), so they
 * need no CSRF token fetched first.
 */
const SESSIONLESS = new Set([
  '/api/auth/login',
  '/api/auth/set-password',
  '/api/auth/forgot-password',
  '/api/auth/reset-password',
  '/api/auth/accept-invitation',
]);

/** Auth routes whose 401 is an answer, not an expired access token. */
const NO_REFRESH = new Set([
  '/api/auth/login',
  '/api/auth/refresh',
  '/api/auth/set-password',
  '/api/auth/forgot-password',
  '/api/auth/reset-password',
  '/api/auth/accept-invitation',
  '/api/auth/csrf',
]);

const isAuthPath = (path: string) => path.startsWith('/api/auth/');
const isStaffPath = (path: string) =>
  path.startsWith('/api/staff/') || path === '/api/staff';

/**
 * Everything the browser needs to talk to the Foyer API, applied only to requests whose
 * URL is on the configured API base: credentials (cookies), Idempotency-Key and
 * X-CSRF-Token on mutations, one retry after a short 429, and one silent refresh on a
 * staff 401. Requests anywhere else pass through untouched, so no cookie or token ever
 * leaves for another origin.
 */
export const apiInterceptor: HttpInterceptorFn = (req, next) => {
  const apiBaseUrl = inject(AppConfig).current()?.apiBaseUrl;
  const path = apiBaseUrl ? apiPathOf(req.url, apiBaseUrl) : null;
  if (path === null) {
    return next(req);
  }
  const session = inject(SessionStore);
  const router = inject(Router);
  const mutation = MUTATIONS.has(req.method);

  let prepared = req.clone({ withCredentials: true });
  // One key per logical mutation, fixed here so the 429 retry and the post-refresh replay
  // resend it unchanged. /api/auth/* is exempt from idempotency.
  if (
    mutation &&
    !isAuthPath(path) &&
    !prepared.headers.has(Header.IDEMPOTENCY_KEY)
  ) {
    prepared = prepared.clone({
      setHeaders: {
        [Header.IDEMPOTENCY_KEY]:
          req.context.get(IDEMPOTENCY_KEY) ?? crypto.randomUUID(),
      },
    });
  }

  // Re-evaluated on each send, so a replay after refresh carries the current token.
  const send = (): Observable<HttpEvent<unknown>> =>
    defer(() => withCsrf(prepared, path, mutation, session)).pipe(
      switchMap((request) => retryOnceOn429(request, next)),
    );

  const refreshable =
    (isStaffPath(path) || isAuthPath(path)) && !NO_REFRESH.has(path);
  return send().pipe(
    catchError((error: unknown) => {
      if (!refreshable || !isUnauthenticated(error)) {
        return throwError(() => error);
      }
      return session.refresh().pipe(
        switchMap((renewed) => {
          if (renewed) {
            return send();
          }
          session.clear();
          if (req.context.get(REDIRECT_TO_LOGIN)) {
            redirectToLogin(router);
          }
          return throwError(() => error);
        }),
      );
    }),
  );
};

function withCsrf(
  req: HttpRequest<unknown>,
  path: string,
  mutation: boolean,
  session: SessionStore,
): Observable<HttpRequest<unknown>> {
  if (!mutation) {
    return of(req);
  }
  const needsToken =
    (isAuthPath(path) || isStaffPath(path)) && !SESSIONLESS.has(path);
  const token$ = needsToken
    ? session.ensureCsrfToken()
    : of(session.csrfToken());
  return token$.pipe(
    map((token) =>
      token ? req.clone({ setHeaders: { [Header.CSRF_TOKEN]: token } }) : req,
    ),
  );
}

function retryOnceOn429(
  req: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> {
  return next(req).pipe(
    catchError((error: unknown) => {
      const wait = retryDelaySeconds(error);
      return wait === null
        ? throwError(() => error)
        : timer(wait * 1000).pipe(switchMap(() => next(req)));
    }),
  );
}

/** Seconds to wait before the one retry, or null when a retry would not help. */
function retryDelaySeconds(error: unknown): number | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 429) {
    return null;
  }
  // A locked account stays locked for minutes: tell the user now instead of retrying.
  if (toApiError(error).code === ErrorCode.ACCOUNT_LOCKED) {
    return null;
  }
  const seconds = parseRetryAfter(error.headers.get(Header.RETRY_AFTER));
  return seconds !== null && seconds <= MAX_RETRY_AFTER_SECONDS
    ? seconds
    : null;
}

function isUnauthenticated(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 401 &&
    toApiError(error).code !== ErrorCode.INVALID_CREDENTIALS
  );
}

function redirectToLogin(router: Router): void {
  const current =
    router.currentNavigation()?.finalUrl ?? router.parseUrl(router.url);
  const currentUrl = router.serializeUrl(current);
  if (currentUrl === LOGIN_PATH || currentUrl.startsWith(`${LOGIN_PATH}?`)) {
    return;
  }
  const returnUrl = safeReturnUrl(currentUrl);
  router
    .navigate([LOGIN_PATH], returnUrl ? { queryParams: { returnUrl } } : {})
    // A redirect that fails (e.g. the login chunk cannot load) leaves the user here; the
    // 401 still reaches the caller, which shows it.
    .catch(() => undefined);
}
