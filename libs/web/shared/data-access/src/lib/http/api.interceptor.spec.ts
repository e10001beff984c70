import {
  HttpClient,
  HttpContext,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
  withNoXsrfProtection,
} from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ErrorCode, Header } from '@foyer/contracts';
import { AppConfig } from '../config/app-config';
import { SessionStore } from '../session/session.store';
import { apiInterceptor } from './api.interceptor';
import { REDIRECT_TO_LOGIN, withIdempotencyKey } from './http-context';

const API = 'https://api.example.test';
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

@Component({ template: '' })
class Blank {}

function problem(status: number, headers: Record<string, string> = {}) {
  return {
    status,
    statusText: 'Error',
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  };
}

function body(status: number, code: string) {
  return {
    type: 'about:blank',
    title: code,
    status,
    detail: code,
    code,
    requestId: 'r1',
  };
}

describe('apiInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionStore;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(
          withInterceptors([apiInterceptor]),
          withNoXsrfProtection(),
        ),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: Blank },
          { path: 'staff/users', component: Blank },
        ]),
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
    router = TestBed.inject(Router);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  /** Gives the store a CSRF token the way the API does: in a response body. */
  function holdCsrf(token: string): void {
    session.ensureCsrfToken().subscribe();
    backend.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: token });
  }

  function expectMutation(url: string): TestRequest {
    return backend.expectOne((req) => req.url === url && req.method !== 'GET');
  }

  describe('outside the API', () => {
    it('leaves requests to other origins untouched, mutations included', () => {
      holdCsrf('tok');
      http.post('https://elsewhere.example/api/staff/users', {}).subscribe();
      http.get('https://elsewhere.example/data').subscribe();
      http.get('/config.json').subscribe();
      const post = backend.expectOne(
        'https://elsewhere.example/api/staff/users',
      );
      expect(post.request.withCredentials).toBe(false);
      expect(post.request.headers.has(Header.CSRF_TOKEN)).toBe(false);
      expect(post.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
      expect(
        backend.expectOne('https://elsewhere.example/data').request
          .withCredentials,
      ).toBe(false);
      expect(backend.expectOne('/config.json').request.withCredentials).toBe(
        false,
      );
    });

    it('does not treat a look-alike host as the API', () => {
      http
        .post('https://api.example.test.evil.example/api/staff/users', {})
        .subscribe();
      const req = backend.expectOne(
        'https://api.example.test.evil.example/api/staff/users',
      );
      expect(req.request.withCredentials).toBe(false);
      expect(req.request.headers.keys()).toEqual([]);
    });
  });

  describe('on the API', () => {
    it('sends credentials on reads but no mutation headers', () => {
      holdCsrf('tok');
      http.get(`${API}/api/staff/users`).subscribe();
      const req = backend.expectOne(`${API}/api/staff/users`);
      expect(req.request.withCredentials).toBe(true);
      expect(req.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
      expect(req.request.headers.has(Header.CSRF_TOKEN)).toBe(false);
    });

    it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
      'adds a fresh Idempotency-Key and the held CSRF token to a staff %s',
      (method) => {
        holdCsrf('tok-1');
        http
          .request(method, `${API}/api/staff/users/u1`, { body: {} })
          .subscribe();
        http
          .request(method, `${API}/api/staff/users/u1`, { body: {} })
          .subscribe();
        const [first, second] = backend.match(`${API}/api/staff/users/u1`);
        for (const req of [first, second]) {
          expect(req?.request.withCredentials).toBe(true);
          expect(req?.request.headers.get(Header.CSRF_TOKEN)).toBe('tok-1');
          expect(req?.request.headers.get(Header.IDEMPOTENCY_KEY)).toMatch(
            UUID,
          );
        }
        expect(first?.request.headers.get(Header.IDEMPOTENCY_KEY)).not.toBe(
          second?.request.headers.get(Header.IDEMPOTENCY_KEY),
        );
      },
    );

    it('keeps a key the caller chose for a resent mutation', () => {
      holdCsrf('tok');
      const context = withIdempotencyKey('key-42');
      http.post(`${API}/api/staff/users`, {}, { context }).subscribe();
      expect(
        expectMutation(`${API}/api/staff/users`).request.headers.get(
          Header.IDEMPOTENCY_KEY,
        ),
      ).toBe('key-42');
    });

    it('fetches a CSRF token first when none is held', () => {
      http.post(`${API}/api/staff/users`, { email: 'a@b.test' }).subscribe();
      backend.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: 'fresh' });
      const req = expectMutation(`${API}/api/staff/users`);
      expect(req.request.headers.get(Header.CSRF_TOKEN)).toBe('fresh');
      expect(session.csrfToken()).toBe('fresh');
    });

    it('sends CSRF but no Idempotency-Key to /api/auth/* (exempt)', () => {
      holdCsrf('tok');
      http.post(`${API}/api/auth/logout`, {}).subscribe();
      const req = expectMutation(`${API}/api/auth/logout`);
      expect(req.request.headers.get(Header.CSRF_TOKEN)).toBe('tok');
      expect(req.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
    });

    it('does not fetch a CSRF token for login', () => {
      http
        .post(`${API}/api/auth/login`, { email: 'a@b.test', password: 'x' })
        .subscribe();
      const req = expectMutation(`${API}/api/auth/login`);
      expect(req.request.withCredentials).toBe(true);
      expect(req.request.headers.has(Header.CSRF_TOKEN)).toBe(false);
      expect(req.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
    });

    it.each([
      '/api/auth/forgot-password',
      '/api/auth/reset-password',
      '/api/auth/accept-invitation',
    ])(
      'does not fetch a CSRF token nor refresh for the emailed-link route %s',
      (path) => {
        const errors: unknown[] = [];
        http.post(`${API}${path}`, { token: 'x' }).subscribe({
          error: (error: unknown) => errors.push(error),
        });
        const req = expectMutation(`${API}${path}`);
        expect(req.request.withCredentials).toBe(true);
        expect(req.request.headers.has(Header.CSRF_TOKEN)).toBe(false);
        expect(req.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
        req.flush(body(401, ErrorCode.UNAUTHENTICATED), problem(401));
        backend.expectNone(`${API}/api/auth/refresh`);
        expect(errors).toHaveLength(1);
      },
    );

    it('fetches a CSRF token for the session routes (DELETE /api/auth/sessions/:id)', () => {
      http.delete(`${API}/api/auth/sessions/s-2`).subscribe();
      backend.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: 'tok' });
      const req = expectMutation(`${API}/api/auth/sessions/s-2`);
      expect(req.request.headers.get(Header.CSRF_TOKEN)).toBe('tok');
      expect(req.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
    });

    it('only counts paths under the base path when the API has one', () => {
      TestBed.inject(AppConfig).set({ apiBaseUrl: `${API}/v1` });
      http.get(`${API}/other/api/staff/users`).subscribe();
      http.get(`${API}/v1/api/staff/users`).subscribe();
      expect(
        backend.expectOne(`${API}/other/api/staff/users`).request
          .withCredentials,
      ).toBe(false);
      expect(
        backend.expectOne(`${API}/v1/api/staff/users`).request.withCredentials,
      ).toBe(true);
    });
  });

  describe('429', () => {
    it('retries once after Retry-After with the same Idempotency-Key', () => {
      jest.useFakeTimers();
      holdCsrf('tok');
      const results: unknown[] = [];
      http
        .post(`${API}/api/staff/users`, { email: 'a@b.test' })
        .subscribe((r) => results.push(r));
      const first = expectMutation(`${API}/api/staff/users`);
      const key = first.request.headers.get(Header.IDEMPOTENCY_KEY);
      first.flush(
        body(429, ErrorCode.RATE_LIMITED),
        problem(429, { 'Retry-After': '2' }),
      );

      jest.advanceTimersByTime(1999);
      backend.expectNone(`${API}/api/staff/users`);
      jest.advanceTimersByTime(1);
      const retry = expectMutation(`${API}/api/staff/users`);
      expect(retry.request.headers.get(Header.IDEMPOTENCY_KEY)).toBe(key);
      expect(retry.request.headers.get(Header.CSRF_TOKEN)).toBe('tok');
      retry.flush({ id: 'u1' }, { status: 201, statusText: 'Created' });
      expect(results).toEqual([{ id: 'u1' }]);
    });

    it('gives up after the one retry', () => {
      jest.useFakeTimers();
      const errors: HttpErrorResponse[] = [];
      http
        .get(`${API}/api/staff/users`)
        .subscribe({ error: (e: HttpErrorResponse) => errors.push(e) });
      const limited = problem(429, { 'Retry-After': '1' });
      backend
        .expectOne(`${API}/api/staff/users`)
        .flush(body(429, ErrorCode.RATE_LIMITED), limited);
      jest.advanceTimersByTime(1000);
      backend
        .expectOne(`${API}/api/staff/users`)
        .flush(body(429, ErrorCode.RATE_LIMITED), limited);
      jest.advanceTimersByTime(60_000);
      backend.expectNone(`${API}/api/staff/users`);
      expect(errors.map((e) => e.status)).toEqual([429]);
    });

    it.each([
      ['a wait beyond the cap', ErrorCode.RATE_LIMITED, '120'],
      ['no readable Retry-After', ErrorCode.RATE_LIMITED, undefined],
      ['a locked account', ErrorCode.ACCOUNT_LOCKED, '5'],
    ])('hands %s straight to the caller', (_label, code, retryAfter) => {
      jest.useFakeTimers();
      const errors: HttpErrorResponse[] = [];
      http
        .post(`${API}/api/auth/login`, {})
        .subscribe({ error: (e: HttpErrorResponse) => errors.push(e) });
      expectMutation(`${API}/api/auth/login`).flush(
        body(429, code),
        problem(429, retryAfter ? { 'Retry-After': retryAfter } : {}),
      );
      expect(errors).toHaveLength(1);
      jest.advanceTimersByTime(200_000);
      backend.expectNone(`${API}/api/auth/login`);
    });
  });

  describe('401', () => {
    it('refreshes once and replays a staff read', () => {
      holdCsrf('tok-1');
      const results: unknown[] = [];
      http.get(`${API}/api/staff/users`).subscribe((r) => results.push(r));
      backend
        .expectOne(`${API}/api/staff/users`)
        .flush(body(401, ErrorCode.UNAUTHENTICATED), problem(401));

      const refresh = expectMutation(`${API}/api/auth/refresh`);
      expect(refresh.request.headers.get(Header.CSRF_TOKEN)).toBe('tok-1');
      expect(refresh.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
      expect(refresh.request.withCredentials).toBe(true);
      refresh.flush({ csrfToken: 'tok-2' });

      backend
        .expectOne(`${API}/api/staff/users`)
        .flush({ items: [], nextCursor: null });
      expect(results).toEqual([{ items: [], nextCursor: null }]);
      expect(session.csrfToken()).toBe('tok-2');
    });

    it('replays a mutation with its key and the refreshed CSRF token', () => {
      holdCsrf('tok-1');
      http.patch(`${API}/api/staff/users/u1`, { role: 'host' }).subscribe();
      const first = expectMutation(`${API}/api/staff/users/u1`);
      const key = first.request.headers.get(Header.IDEMPOTENCY_KEY);
      first.flush(body(401, ErrorCode.UNAUTHENTICATED), problem(401));
      expectMutation(`${API}/api/auth/refresh`).flush({ csrfToken: 'tok-2' });
      const replay = expectMutation(`${API}/api/staff/users/u1`);
      expect(replay.request.headers.get(Header.IDEMPOTENCY_KEY)).toBe(key);
      expect(replay.request.headers.get(Header.CSRF_TOKEN)).toBe('tok-2');
      replay.flush({ id: 'u1' });
    });

    it('shares one refresh between calls that fail together', () => {
      holdCsrf('tok');
      http.get(`${API}/api/staff/users`).subscribe();
      http.get(`${API}/api/staff/audit`).subscribe();
      for (const url of [`${API}/api/staff/users`, `${API}/api/staff/audit`]) {
        backend
          .expectOne(url)
          .flush(body(401, 'UNAUTHENTICATED'), problem(401));
      }
      expectMutation(`${API}/api/auth/refresh`).flush({});
      backend.expectOne(`${API}/api/staff/users`).flush({});
      backend.expectOne(`${API}/api/staff/audit`).flush({});
    });

    it('does not refresh twice when the replay is refused again', () => {
      holdCsrf('tok');
      const errors: HttpErrorResponse[] = [];
      http
        .get(`${API}/api/staff/users`)
        .subscribe({ error: (e: HttpErrorResponse) => errors.push(e) });
      const unauth = problem(401);
      backend
        .expectOne(`${API}/api/staff/users`)
        .flush(body(401, 'UNAUTHENTICATED'), unauth);
      expectMutation(`${API}/api/auth/refresh`).flush({});
      backend
        .expectOne(`${API}/api/staff/users`)
        .flush(body(401, 'UNAUTHENTICATED'), unauth);
      backend.expectNone(`${API}/api/auth/refresh`);
      expect(errors.map((e) => e.status)).toEqual([401]);
    });

    it('clears the session and goes to /login with a return URL when refresh fails', async () => {
      await router.navigateByUrl('/staff/users?cursor=abc');
      const navigate = jest.spyOn(router, 'navigate');
      holdCsrf('tok');
      const errors: HttpErrorResponse[] = [];
      http
        .get(`${API}/api/staff/users`)
        .subscribe({ error: (e: HttpErrorResponse) => errors.push(e) });
      backend
        .expectOne(`${API}/api/staff/users`)
        .flush(body(401, 'UNAUTHENTICATED'), problem(401));
      expectMutation(`${API}/api/auth/refresh`).flush(
        body(401, ErrorCode.REFRESH_REUSED),
        problem(401),
      );
      expect(errors.map((e) => e.status)).toEqual([401]);
      expect(session.csrfToken()).toBeNull();
      expect(session.isAuthenticated()).toBe(false);
      expect(navigate).toHaveBeenCalledWith(['/login'], {
        queryParams: { returnUrl: '/staff/users?cursor=abc' },
      });
      await navigate.mock.results[0]?.value;
      expect(router.url).toBe(
        '/login?returnUrl=%2Fstaff%2Fusers%3Fcursor%3Dabc',
      );
    });

    it('leaves the redirect to the caller when asked to', () => {
      const navigate = jest.spyOn(router, 'navigate');
      const context = new HttpContext().set(REDIRECT_TO_LOGIN, false);
      http
        .get(`${API}/api/auth/me`, { context })
        .subscribe({ error: () => undefined });
      backend
        .expectOne(`${API}/api/auth/me`)
        .flush(body(401, 'UNAUTHENTICATED'), problem(401));
      backend.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: 't' });
      expectMutation(`${API}/api/auth/refresh`).flush(
        body(401, 'UNAUTHENTICATED'),
        problem(401),
      );
      expect(navigate).not.toHaveBeenCalled();
    });

    it.each([
      [
        'wrong credentials at login',
        `${API}/api/auth/login`,
        ErrorCode.INVALID_CREDENTIALS,
      ],
      [
        'a public call',
        `${API}/api/public/tables/abc/orders`,
        ErrorCode.UNAUTHENTICATED,
      ],
      [
        'a wrong current password',
        `${API}/api/auth/password`,
        ErrorCode.INVALID_CREDENTIALS,
      ],
    ])('does not refresh after %s', (_label, url, code) => {
      holdCsrf('tok');
      const errors: unknown[] = [];
      http.post(url, {}).subscribe({ error: (e: unknown) => errors.push(e) });
      expectMutation(url).flush(body(401, code), problem(401));
      backend.expectNone(`${API}/api/auth/refresh`);
      expect(errors).toHaveLength(1);
    });
  });
});
