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
import { provideRouter } from '@angular/router';
import { ErrorCode, Header } from '@foyer/contracts';
import { ApiError, AppConfig, apiInterceptor } from '@foyer/web/data-access';
import { AccountApi } from './account.api';

const API = 'https://api.example.test';
const TOKEN = 'AbC_def-1234567890xyzQWERTY';
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const session = {
  id: 's-1',
  tenant: { id: 't-1', slug: 'teatro', name: 'Teatro Nuevo' },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36',
  ip: '203.0.113.7',
  createdAt: '2030-03-01T10:00:00.000Z',
  lastUsedAt: '2030-03-02T11:30:00.000Z',
  current: true,
};

describe('AccountApi', () => {
  let api: AccountApi;
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
    api = TestBed.inject(AccountApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('posts the emailed-link calls without a CSRF token or Idempotency-Key', async () => {
    const calls: [Promise<void>, string, object][] = [
      [
        api.forgotPassword('ana@venue.test'),
        'forgot-password',
        { email: 'ana@venue.test' },
      ],
      [
        api.resetPassword(TOKEN, 'a long enough passphrase'),
        'reset-password',
        { token: TOKEN, newPassword: 'a long enough passphrase' },
      ],
      [
        api.setPassword(TOKEN, 'a long enough passphrase'),
        'set-password',
        { token: TOKEN, newPassword: 'a long enough passphrase' },
      ],
      [api.acceptInvitation(TOKEN), 'accept-invitation', { token: TOKEN }],
    ];
    for (const [done, path, body] of calls) {
      const req = http.expectOne(`${API}/api/auth/${path}`);
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual(body);
      expect(req.request.headers.has(Header.CSRF_TOKEN)).toBe(false);
      expect(req.request.headers.has(Header.IDEMPOTENCY_KEY)).toBe(false);
      req.flush(path === 'forgot-password' ? {} : null, {
        status: path === 'forgot-password' ? 202 : 204,
        statusText: 'OK',
      });
      await expect(done).resolves.toBeUndefined();
    }
    http.expectNone(`${API}/api/auth/csrf`);
  });

  it('rejects with the ApiError of a 400 TOKEN_INVALID', async () => {
    const done = api.resetPassword(TOKEN, 'a long enough passphrase');
    http.expectOne(`${API}/api/auth/reset-password`).flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The link is not valid.',
        code: ErrorCode.TOKEN_INVALID,
        requestId: 'r',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await expect(done).rejects.toMatchObject({
      status: 400,
      code: ErrorCode.TOKEN_INVALID,
    });
  });

  async function sessions(body: unknown) {
    const listing = api.sessions();
    http.expectOne(`${API}/api/auth/sessions`).flush(body);
    return listing;
  }

  it('reads a session without user agent or IP', async () => {
    const anonymous = { ...session, userAgent: null, ip: null };
    await expect(sessions({ items: [anonymous] })).resolves.toEqual([
      anonymous,
    ]);
  });

  it('skips sessions without id, tenant or sign-in time', async () => {
    await expect(
      sessions({
        items: [
          session,
          { ...session, id: '' },
          { ...session, tenant: null },
          { ...session, createdAt: 5 },
          'x',
        ],
      }),
    ).resolves.toEqual([session]);
  });

  it('refuses a body without items', async () => {
    await expect(sessions({})).rejects.toMatchObject({
      code: ErrorCode.INTERNAL,
    });
    await expect(sessions(null)).rejects.toBeInstanceOf(ApiError);
  });

  it('lists sessions and signs one out with the CSRF token', async () => {
    const listing = api.sessions();
    http.expectOne(`${API}/api/auth/sessions`).flush({ items: [session] });
    expect(await listing).toEqual([session]);

    const revoke = api.revokeSession('s/2');
    http.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: 'tok' });
    await settle();
    const req = http.expectOne(`${API}/api/auth/sessions/s%2F2`);
    expect(req.request.method).toBe('DELETE');
    expect(req.request.headers.get(Header.CSRF_TOKEN)).toBe('tok');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await expect(revoke).resolves.toBeUndefined();
  });
});
