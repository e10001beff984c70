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
import { StaffReservationsStore } from './reservations.store';

const API = 'https://api.example.test';
const LIST = `${API}/api/staff/performances/p-1/reservations`;
const ada = {
  id: 'r-1',
  reference: 'ABC123',
  name: 'Ada',
  email: 'ada@example.test',
  phone: null,
  notes: null,
  partySize: 2,
  status: 'confirmed',
  createdAt: '2030-01-01T10:00:00.000Z',
  confirmedAt: '2030-01-01T10:01:00.000Z',
  cancelledAt: null,
  checkedInAt: null,
  // The API sends it (a reservation whose personal data were erased).
  anonymisedAt: null,
};
const problem = (status: number, code: string) => ({
  type: 'about:blank',
  title: 'x',
  status,
  detail: 'no',
  code,
  requestId: 'r',
});

describe('StaffReservationsStore', () => {
  let store: StaffReservationsStore;
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
        StaffReservationsStore,
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    store = TestBed.inject(StaffReservationsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function searchAda(): Promise<void> {
    const done = store.search('p-1', { q: '  ada ', status: 'confirmed' });
    const req = http.expectOne((r) => r.url === LIST);
    expect(req.request.params.get('q')).toBe('ada');
    expect(req.request.params.get('status')).toBe('confirmed');
    expect(req.request.params.get('limit')).toBe('50');
    req.flush({ items: [ada, { id: 'broken' }], nextCursor: 'c2' });
    await done;
  }

  it('searches one performance and pages with the cursor', async () => {
    await searchAda();
    expect(store.list.items()).toEqual([ada]);
    expect(store.list.hasMore()).toBe(true);
    const more = store.list.loadMore();
    const req = http.expectOne((r) => r.url === LIST);
    expect(req.request.params.get('cursor')).toBe('c2');
    expect(req.request.params.get('q')).toBe('ada');
    req.flush({ items: [], nextCursor: null });
    await more;
    expect(store.list.hasMore()).toBe(false);
  });

  it('drops the answer to a search the user has replaced', async () => {
    const first = store.search('p-1', { q: 'old' });
    const second = store.search('p-1', { q: 'new' });
    const [stale, fresh] = http.match((r) => r.url === LIST);
    fresh?.flush({ items: [], nextCursor: null });
    stale?.flush({ items: [ada], nextCursor: null });
    await Promise.all([first, second]);
    expect(store.list.items()).toEqual([]);
  });

  it('cancels with an Idempotency-Key and updates the row', async () => {
    await searchAda();
    const done = store.cancel(ada as never);
    http
      .match(`${API}/api/auth/csrf`)
      .forEach((r) => r.flush({ csrfToken: 'tok' }));
    const req = http.expectOne(`${API}/api/staff/reservations/r-1/cancel`);
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.get(Header.IDEMPOTENCY_KEY)).toBeTruthy();
    expect(store.isBusy('r-1')).toBe(true);
    req.flush({
      ...ada,
      status: 'cancelled',
      cancelledAt: '2030-01-02T00:00:00.000Z',
    });
    expect(await done).toBeNull();
    expect(store.list.items()[0]?.status).toBe('cancelled');
    expect(store.isBusy('r-1')).toBe(false);
  });

  it('returns 409 NOT_CONFIRMED from resend and keeps the row; a network retry reuses the key', async () => {
    await searchAda();
    const first = store.resendTicket(ada as never);
    http
      .match(`${API}/api/auth/csrf`)
      .forEach((r) => r.flush({ csrfToken: 'tok' }));
    const req1 = http.expectOne(
      `${API}/api/staff/reservations/r-1/resend-ticket`,
    );
    const key = req1.request.headers.get(Header.IDEMPOTENCY_KEY);
    req1.error(new ProgressEvent('error'));
    expect(await first).toMatchObject({ code: 'NETWORK_ERROR' });

    const second = store.resendTicket(ada as never);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const req2 = http.expectOne(
      `${API}/api/staff/reservations/r-1/resend-ticket`,
    );
    expect(req2.request.headers.get(Header.IDEMPOTENCY_KEY)).toBe(key);
    req2.flush(problem(409, ErrorCode.NOT_CONFIRMED), {
      status: 409,
      statusText: 'Conflict',
    });
    expect(await second).toMatchObject({
      status: 409,
      code: ErrorCode.NOT_CONFIRMED,
    });
    expect(store.list.items()).toEqual([ada]);
  });
});
