import {
  provideHttpClient,
  withInterceptors,
  withNoXsrfProtection,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  ErrorCode,
  Header,
  Permission,
  ROLE_PERMISSIONS,
} from '@foyer/contracts';
import { AppConfig } from '../config/app-config';
import { ApiError } from '../http/api-error';
import { apiInterceptor } from '../http/api.interceptor';
import { SessionStore } from './session.store';

const API = 'https://api.example.test';
const user = { id: 'u-1', email: 'ana@venue.test', displayName: 'Ana' };
const tenant = { id: 't-1', slug: 'teatro', name: 'Teatro' };
const other = { id: 't-2', slug: 'bar', name: 'Bar' };

/** A login answer that lists no membership: the store loads them from GET /me. */
const loginBody = {
  user,
  tenant,
  role: 'manager',
  permissions: [...ROLE_PERMISSIONS.manager, 'root:everything'],
  memberships: [],
  csrfToken: 'csrf-1',
};
const meBody = {
  user,
  tenant,
  role: 'manager',
  permissions: [...ROLE_PERMISSIONS.manager],
  memberships: [
    { tenantId: 't-1', slug: 'teatro', name: 'Teatro', role: 'manager' },
    { tenantId: 't-2', slug: 'bar', name: 'Bar', role: 'viewer' },
  ],
};
/** The memberships of `meBody` as the store holds them. */
const memberships = [
  { tenant, role: 'manager' },
  { tenant: other, role: 'viewer' },
];

/** Lets awaited promises inside the store move on to their next request. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function unauthenticated() {
  return [
    {
      status: 401,
      code: ErrorCode.UNAUTHENTICATED,
      title: 'Unauthorized',
      detail: 'x',
      type: 'about:blank',
      requestId: 'r',
    },
    { status: 401, statusText: 'Unauthorized' },
  ] as const;
}

describe('SessionStore', () => {
  let store: SessionStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(
          withInterceptors([apiInterceptor]),
          withNoXsrfProtection(),
        ),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    store = TestBed.inject(SessionStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function signIn(): Promise<void> {
    const done = store.login(
      'ana@venue.test',
      'correct horse battery',
      'teatro',
    );
    http.expectOne(`${API}/api/auth/login`).flush(loginBody);
    await settle();
    http.expectOne(`${API}/api/auth/me`).flush(meBody);
    await done;
  }

  it('starts signed out', () => {
    expect(store.isAuthenticated()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.permissions()).toEqual([]);
    expect(store.can(Permission.MENU_VIEW)).toBe(false);
  });

  describe('login', () => {
    it('posts the credentials and maps the login body, then loads memberships', async () => {
      const done = store.login(
        ' ana@venue.test ',
        'correct horse battery',
        ' teatro ',
      );
      const req = http.expectOne(`${API}/api/auth/login`);
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual({
        email: 'ana@venue.test',
        password: 'correct horse battery',
        tenantSlug: 'teatro',
      });
      req.flush(loginBody);
      await settle();

      expect(store.isAuthenticated()).toBe(true);
      expect(store.user()).toEqual(user);
      expect(store.tenant()).toEqual(tenant);
      expect(store.role()).toBe('manager');
      expect(store.csrfToken()).toBe('csrf-1');
      // Unknown permissions from the wire are dropped, known ones kept.
      expect(store.permissions()).toEqual(ROLE_PERMISSIONS.manager);
      expect(store.can(Permission.USERS_VIEW)).toBe(true);
      expect(store.can(Permission.AUDIT_VIEW)).toBe(false);

      const me = http.expectOne(`${API}/api/auth/me`);
      expect(me.request.method).toBe('GET');
      me.flush(meBody);
      await done;
      expect(store.memberships()).toEqual(memberships);
      expect(store.csrfToken()).toBe('csrf-1');
    });

    it('takes flat memberships from the login body and skips GET /me (the API lists them)', async () => {
      const done = store.login('ana@venue.test', 'pw');
      http.expectOne(`${API}/api/auth/login`).flush({
        ...loginBody,
        memberships: [
          { tenantId: 't-1', slug: 'teatro', name: 'Teatro', role: 'manager' },
          { tenantId: 't-2', slug: 'bar', name: 'Bar', role: 'viewer' },
        ],
      });
      await done;
      http.expectNone(`${API}/api/auth/me`);
      expect(store.memberships()).toEqual(memberships);
    });

    it('leaves out an empty venue slug', async () => {
      const done = store.login('ana@venue.test', 'pw', '  ');
      const req = http.expectOne(`${API}/api/auth/login`);
      expect(req.request.body).toEqual({
        email: 'ana@venue.test',
        password: 'pw',
      });
      req.flush(loginBody);
      await settle();
      http.expectOne(`${API}/api/auth/me`).flush(meBody);
      await done;
    });

    it('rejects with a typed error for wrong credentials and stays signed out', async () => {
      const done = store.login('ana@venue.test', 'wrong');
      http.expectOne(`${API}/api/auth/login`).flush(
        {
          status: 401,
          code: ErrorCode.INVALID_CREDENTIALS,
          title: 'Unauthorized',
          detail: 'Invalid email or password',
          type: 'about:blank',
          requestId: 'r',
        },
        { status: 401, statusText: 'Unauthorized' },
      );
      await expect(done).rejects.toMatchObject({
        status: 401,
        code: ErrorCode.INVALID_CREDENTIALS,
      });
      await expect(done).rejects.toBeInstanceOf(ApiError);
      expect(store.isAuthenticated()).toBe(false);
    });

    it('reports the lock time of a locked account', async () => {
      const done = store.login('ana@venue.test', 'pw');
      http.expectOne(`${API}/api/auth/login`).flush(
        {
          status: 429,
          code: ErrorCode.ACCOUNT_LOCKED,
          title: 'Too Many Requests',
          detail: 'Locked',
          type: 'about:blank',
          requestId: 'r',
        },
        {
          status: 429,
          statusText: 'Too Many Requests',
          headers: { [Header.RETRY_AFTER]: '840' },
        },
      );
      await expect(done).rejects.toMatchObject({
        code: ErrorCode.ACCOUNT_LOCKED,
        retryAfterSeconds: 840,
      });
    });

    it('rejects a body that is not a session', async () => {
      const done = store.login('ana@venue.test', 'pw');
      http
        .expectOne(`${API}/api/auth/login`)
        .flush({ user: {}, role: 'superuser' });
      await expect(done).rejects.toBeInstanceOf(ApiError);
      expect(store.isAuthenticated()).toBe(false);
    });
  });

  describe('loadMe', () => {
    it('maps me and fetches a CSRF token when me carries none', async () => {
      const done = store.loadMe();
      http.expectOne(`${API}/api/auth/me`).flush(meBody);
      await settle();
      http.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: 'csrf-9' });
      await expect(done).resolves.toBe(true);
      expect(store.user()).toEqual(user);
      expect(store.memberships()).toHaveLength(2);
      expect(store.csrfToken()).toBe('csrf-9');
    });

    it('lists the current tenant among the memberships', async () => {
      const done = store.loadMe();
      http.expectOne(`${API}/api/auth/me`).flush({
        ...meBody,
        csrfToken: 'c',
        memberships: [
          { tenantId: 't-2', slug: 'bar', name: 'Bar', role: 'viewer' },
        ],
      });
      await expect(done).resolves.toBe(true);
      // The current tenant is always listed, so the switcher can show it.
      expect(store.memberships()).toEqual([
        { tenant, role: 'manager' },
        { tenant: other, role: 'viewer' },
      ]);
    });

    it('resolves false without redirecting when there is no session', async () => {
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
      const done = store.loadMe();
      http.expectOne(`${API}/api/auth/me`).flush(...unauthenticated());
      http.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: 'anon' });
      http.expectOne(`${API}/api/auth/refresh`).flush(...unauthenticated());
      await expect(done).resolves.toBe(false);
      expect(store.isAuthenticated()).toBe(false);
      expect(navigate).not.toHaveBeenCalled();
    });

    it('loads once for concurrent callers (ensureLoaded)', async () => {
      const a = store.ensureLoaded();
      const b = store.ensureLoaded();
      http.expectOne(`${API}/api/auth/me`).flush({ ...meBody, csrfToken: 'c' });
      await expect(Promise.all([a, b])).resolves.toEqual([true, true]);
      await expect(store.ensureLoaded()).resolves.toBe(true);
    });
  });

  describe('signed in', () => {
    beforeEach(signIn);

    it('switches tenant and maps the login-shaped answer, keeping memberships', async () => {
      const done = store.switchTenant('t-2');
      const req = http.expectOne(`${API}/api/auth/switch-tenant`);
      expect(req.request.body).toEqual({ tenantId: 't-2' });
      expect(req.request.headers.get(Header.CSRF_TOKEN)).toBe('csrf-1');
      expect(req.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
      req.flush({
        user,
        tenant: other,
        role: 'viewer',
        permissions: ROLE_PERMISSIONS.viewer,
        memberships: [],
        csrfToken: 'csrf-2',
      });
      await done;
      expect(store.tenant()).toEqual(other);
      expect(store.role()).toBe('viewer');
      expect(store.can(Permission.USERS_VIEW)).toBe(false);
      expect(store.csrfToken()).toBe('csrf-2');
      expect(store.memberships()).toEqual(memberships);
    });

    it('keeps the session when switching is refused', async () => {
      const done = store.switchTenant('t-9');
      http.expectOne(`${API}/api/auth/switch-tenant`).flush(
        {
          status: 403,
          code: ErrorCode.FORBIDDEN,
          title: 'Forbidden',
          detail: 'x',
          type: 'about:blank',
          requestId: 'r',
        },
        { status: 403, statusText: 'Forbidden' },
      );
      await expect(done).rejects.toMatchObject({
        status: 403,
        code: ErrorCode.FORBIDDEN,
      });
      expect(store.tenant()).toEqual(tenant);
    });

    it('changes the password and takes the new session', async () => {
      const done = store.changePassword(
        'old password!',
        'a much longer passphrase',
      );
      const req = http.expectOne(`${API}/api/auth/password`);
      expect(req.request.body).toEqual({
        currentPassword: 'old password!',
        newPassword: 'a much longer passphrase',
      });
      req.flush({ ...loginBody, csrfToken: 'csrf-3' });
      await done;
      expect(store.csrfToken()).toBe('csrf-3');
    });

    it.each([
      ['logout', '/api/auth/logout'],
      ['logoutAll', '/api/auth/logout-all'],
    ] as const)(
      '%s posts to %s and clears the session',
      async (method, path) => {
        const done = store[method]();
        const req = http.expectOne(`${API}${path}`);
        expect(req.request.method).toBe('POST');
        expect(req.request.headers.get(Header.CSRF_TOKEN)).toBe('csrf-1');
        req.flush(null, { status: 204, statusText: 'No Content' });
        await done;
        expect(store.isAuthenticated()).toBe(false);
        expect(store.csrfToken()).toBeNull();
        expect(store.memberships()).toEqual([]);
      },
    );

    it('clears the session even when logout fails', async () => {
      const done = store.logout();
      http
        .expectOne(`${API}/api/auth/logout`)
        .error(new ProgressEvent('error'));
      await expect(done).rejects.toBeInstanceOf(ApiError);
      expect(store.isAuthenticated()).toBe(false);
    });
  });
});
