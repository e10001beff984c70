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
import { AppConfig, apiInterceptor } from '@foyer/web/data-access';
import { ScannerStore } from './scanner.store';

const API = 'https://api.example.test';
const PREVIEW = `${API}/api/staff/check-in/preview`;
const CONFIRM = `${API}/api/staff/check-in/confirm`;
const TOKEN = 'tok_0123456789abcdefghijKLMNOP';
const reservation = {
  reference: 'K7Q2P9',
  partySize: 2,
  performance: { id: 'p-1', title: 'Hamlet', startsAt: '2030-05-01T19:30:00Z' },
};
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('ScannerStore', () => {
  let store: ScannerStore;
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
        ScannerStore,
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    store = TestBed.inject(ScannerStore);
    http = TestBed.inject(HttpTestingController);
    store.choosePerformance('p-1');
  });

  afterEach(() => http.verify());

  const flushCsrf = () =>
    http
      .match(`${API}/api/auth/csrf`)
      .forEach((r) => r.flush({ csrfToken: 'c' }));

  async function previewValid() {
    const done = store.submit(TOKEN, 'camera');
    await settle();
    flushCsrf();
    const req = http.expectOne(PREVIEW);
    expect(req.request.body).toEqual({ token: TOKEN, performanceId: 'p-1' });
    req.flush({ state: 'VALID', reservation });
    await done;
  }

  it('previews a scan and waits for Confirm, ignoring the camera meanwhile', async () => {
    await previewValid();
    expect(store.phase()).toBe('preview');
    expect(store.answer()?.state).toBe('VALID');
    expect(await store.submit('another_token_0123456789', 'camera')).toBeNull();
    http.expectNone(PREVIEW);
  });

  it('confirms with a nonce; a retry after a network failure reuses nonce and key', async () => {
    await previewValid();
    const first = store.confirm();
    await settle();
    flushCsrf();
    const req1 = http.expectOne(CONFIRM);
    const { nonce } = req1.request.body as { nonce: string };
    expect(nonce).toMatch(/^[0-9a-f-]{36}$/);
    const key = req1.request.headers.get(Header.IDEMPOTENCY_KEY);
    req1.error(new ProgressEvent('error'));
    await first;
    expect(store.phase()).toBe('preview');
    expect(store.problem()?.code).toBe('NETWORK_ERROR');

    const second = store.confirm();
    await settle();
    const req2 = http.expectOne(CONFIRM);
    expect(req2.request.body).toEqual({
      token: TOKEN,
      performanceId: 'p-1',
      nonce,
    });
    expect(req2.request.headers.get(Header.IDEMPOTENCY_KEY)).toBe(key);
    req2.flush({
      state: 'CHECKED_IN',
      reservation,
      checkedInAt: '2030-05-01T19:02:00Z',
    });
    expect((await second)?.state).toBe('CHECKED_IN');
    expect(store.phase()).toBe('result');
  });

  it('shows 409 ALREADY_CHECKED_IN from confirm as an answer with the first time', async () => {
    await previewValid();
    const done = store.confirm();
    await settle();
    flushCsrf();
    http.expectOne(CONFIRM).flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'x',
        code: ErrorCode.ALREADY_CHECKED_IN,
        state: 'ALREADY_CHECKED_IN',
        checkedInAt: '2030-05-01T19:00:00Z',
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(await done).toEqual({
      state: 'ALREADY_CHECKED_IN',
      reservation: null,
      checkedInAt: '2030-05-01T19:00:00Z',
    });
  });

  it('does not send the same camera code twice in a row, but manual entry may', async () => {
    await previewValid();
    store.next();
    expect(await store.submit(TOKEN, 'camera')).toBeNull();
    http.expectNone(PREVIEW);
    const manual = store.submit(TOKEN, 'manual');
    await settle();
    http.expectOne(PREVIEW).flush({
      state: 'ALREADY_CHECKED_IN',
      reservation,
      checkedInAt: '2030-05-01T19:00:00Z',
    });
    expect((await manual)?.state).toBe('ALREADY_CHECKED_IN');
    expect(store.phase()).toBe('result');
  });

  it('refuses text that is no ticket code without calling the API', async () => {
    expect(await store.submit('hello', 'manual')).toBeNull();
    expect(store.unreadable()).toBe(true);
    expect(store.phase()).toBe('result');
    http.expectNone(PREVIEW);
  });
});
