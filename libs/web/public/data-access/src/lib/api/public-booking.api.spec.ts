import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiError, AppConfig, IDEMPOTENCY_KEY } from '@foyer/web/data-access';
import { PublicBookingApi } from './public-booking.api';

const API = 'https://api.example.test';
const BOOKING = { name: 'Ada', email: 'ada@example.test', partySize: 2 };
const PERFORMANCE = {
  id: 'p1',
  title: 'Hamlet',
  startsAt: '2030-03-16T18:30:00.000Z',
  endsAt: '2030-03-16T21:00:00.000Z',
  seatsAvailable: 10,
  maxPartySize: 4,
  bookingStatus: 'open',
};
const flushMicrotasks = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PublicBookingApi', () => {
  let api: PublicBookingApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withFetch()), provideHttpClientTesting()],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    api = TestBed.inject(PublicBookingApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads the venue and its performances, encoding the slug', async () => {
    const venue = api.venue('a/b');
    http
      .expectOne(`${API}/api/public/venues/a%2Fb`)
      .flush({ slug: 'a', name: 'A', timezone: 'UTC', currency: 'EUR' });
    await expect(venue).resolves.toMatchObject({ name: 'A' });

    const list = api.performances('demo');
    http
      .expectOne(`${API}/api/public/venues/demo/performances`)
      .flush({ items: [PERFORMANCE] });
    await expect(list).resolves.toEqual([PERFORMANCE]);
  });

  it('posts tokens in the body, never in the URL', async () => {
    const token = 'AbC_def-1234567890xyzQWERTY';
    const confirm = api.confirm(token);
    const req = http.expectOne(`${API}/api/public/reservations/confirm`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ token });
    expect(req.request.urlWithParams).not.toContain(token);
    req.flush({
      reference: 'ABCD-EFGH',
      status: 'confirmed',
      performance: {
        id: 'p1',
        title: 'Hamlet',
        startsAt: '2030-03-16T18:30:00.000Z',
      },
      partySize: 2,
    });
    await confirm;
  });

  it('resends a booking with the same Idempotency-Key after a network failure, a fresh one after an answer', async () => {
    const first = api.book('p1', BOOKING);
    const req1 = http.expectOne(
      `${API}/api/public/performances/p1/reservations`,
    );
    const key1 = req1.request.context.get(IDEMPOTENCY_KEY);
    req1.error(new ProgressEvent('error'));
    await expect(first).rejects.toBeInstanceOf(ApiError);

    const second = api.book('p1', BOOKING);
    await flushMicrotasks();
    const req2 = http.expectOne(
      `${API}/api/public/performances/p1/reservations`,
    );
    expect(req2.request.context.get(IDEMPOTENCY_KEY)).toBe(key1);
    req2.flush(
      { code: 'SOLD_OUT', detail: 'Full' },
      { status: 409, statusText: 'Conflict' },
    );
    await expect(second).rejects.toMatchObject({
      status: 409,
      code: 'SOLD_OUT',
    });

    const third = api.book('p1', BOOKING);
    await flushMicrotasks();
    const req3 = http.expectOne(
      `${API}/api/public/performances/p1/reservations`,
    );
    expect(req3.request.context.get(IDEMPOTENCY_KEY)).not.toBe(key1);
    req3.flush(
      { reference: 'ABCD-EFGH', status: 'pending' },
      { status: 202, statusText: 'Accepted' },
    );
    await expect(third).resolves.toEqual({
      reference: 'ABCD-EFGH',
      status: 'pending',
    });
  });
});
