import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AppConfig } from '@foyer/web/data-access';
import { AVAILABILITY_REFRESH_MS, VenueStore } from './venue.store';

const API = 'https://api.example.test';
const VENUE = {
  slug: 'demo',
  name: 'Demo Hall',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
};
const perf = (seatsAvailable: number) => ({
  id: 'p1',
  title: 'Show',
  startsAt: '2030-01-01T19:00:00.000Z',
  endsAt: '2030-01-01T21:00:00.000Z',
  seatsAvailable,
  maxPartySize: 6,
  bookingStatus: 'open',
});
const flushMicrotasks = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('VenueStore', () => {
  let store: VenueStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withFetch()),
        provideHttpClientTesting(),
        VenueStore,
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    store = TestBed.inject(VenueStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  async function loadDemo(seats = 10) {
    const loading = store.load('demo');
    http.expectOne(`${API}/api/public/venues/demo`).flush(VENUE);
    http
      .expectOne(`${API}/api/public/venues/demo/performances`)
      .flush({ items: [perf(seats)] });
    await loading;
  }

  it('loads the venue and its performances', async () => {
    expect(store.loading()).toBe(false);
    await loadDemo();
    expect(store.venue()?.name).toBe('Demo Hall');
    expect(store.performances()[0].seatsAvailable).toBe(10);
    expect(store.error()).toBeNull();
  });

  it('keeps a 404 as the error for an unknown venue', async () => {
    const loading = store.load('nope');
    http
      .expectOne(`${API}/api/public/venues/nope`)
      .flush(
        { code: 'NOT_FOUND', detail: 'x' },
        { status: 404, statusText: 'Not Found' },
      );
    http
      .expectOne(`${API}/api/public/venues/nope/performances`)
      .flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    await loading;
    expect(store.error()?.status).toBe(404);
    expect(store.venue()).toBeNull();
  });

  it('refreshes availability on the interval and keeps the last list when a refresh fails', async () => {
    jest.useFakeTimers({
      doNotFake: ['setTimeout', 'queueMicrotask', 'nextTick', 'setImmediate'],
    });
    await loadDemo(10);

    jest.advanceTimersByTime(AVAILABILITY_REFRESH_MS);
    http
      .expectOne(`${API}/api/public/venues/demo/performances`)
      .flush({ items: [perf(4)] });
    await flushMicrotasks();
    expect(store.performances()[0].seatsAvailable).toBe(4);

    jest.advanceTimersByTime(AVAILABILITY_REFRESH_MS);
    http
      .expectOne(`${API}/api/public/venues/demo/performances`)
      .flush({}, { status: 503, statusText: 'Unavailable' });
    await flushMicrotasks();
    expect(store.performances()[0].seatsAvailable).toBe(4);
  });

  it('refreshes when the tab becomes visible again', async () => {
    await loadDemo(10);
    document.dispatchEvent(new Event('visibilitychange'));
    http
      .expectOne(`${API}/api/public/venues/demo/performances`)
      .flush({ items: [perf(2)] });
    await flushMicrotasks();
    expect(store.performances()[0].seatsAvailable).toBe(2);
  });
});
