import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRoute,
  Router,
  convertToParamMap,
  provideRouter,
} from '@angular/router';
import { AppConfig } from '@foyer/web/data-access';
import { BookingPage } from './booking-page';

const API = 'https://api.example.test';
const PERFORMANCE = {
  id: 'p1',
  title: 'Hamlet',
  startsAt: '2030-03-16T18:30:00.000Z',
  endsAt: '2030-03-16T21:00:00.000Z',
  seatsAvailable: 10,
  maxPartySize: 4,
  bookingStatus: 'open',
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('BookingPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [BookingPage],
      providers: [
        provideHttpClient(withFetch()),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: ActivatedRoute,
          useValue: {
            snapshot: {
              paramMap: convertToParamMap({
                slug: 'demo',
                performanceId: 'p1',
              }),
            },
          },
        },
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(BookingPage);
    http.expectOne(`${API}/api/public/venues/demo`).flush({
      slug: 'demo',
      name: 'Demo Hall',
      timezone: 'Europe/Berlin',
      currency: 'EUR',
    });
    http.expectOne(`${API}/api/public/performances/p1`).flush(PERFORMANCE);
    await flush();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = (id: string) =>
      root.querySelector<HTMLInputElement>(
        `#booking-${id}`,
      ) as HTMLInputElement;
    const type = (id: string, value: string) => {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    const settle = async () => {
      await flush();
      await fixture.whenStable();
    };
    const status = () =>
      root.querySelector('[data-testid="booking-error"]')?.textContent?.trim();
    return { fixture, root, input, type, submit, settle, status };
  }

  it('renders the performance, labelled fields and the party limit', async () => {
    const { root, input } = await render();
    expect(root.querySelector('h1')?.textContent).toBe('Book Hamlet');
    expect(root.textContent).toContain('Up to 4 per booking.');
    for (const id of ['name', 'email', 'partySize', 'phone', 'notes']) {
      expect(root.querySelector(`label[for="booking-${id}"]`)).not.toBeNull();
    }
    expect(input('partySize').getAttribute('max')).toBe('4');
  });

  it('blocks an invalid form, marks the fields and focuses the first', async () => {
    const { input, type, submit, status } = await render();
    type('email', 'ada@example');
    type('partySize', '5');
    await submit();
    expect(status()).toBe('Check the 3 fields marked below.');
    expect(input('name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('name'));
    http.expectNone(`${API}/api/public/performances/p1/reservations`);
  });

  it('sends a trimmed booking and goes to "check your email" with the details in navigation state only', async () => {
    const { type, submit, settle } = await render();
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    type('name', ' Ada ');
    type('email', 'ada@example.test');
    type('partySize', '3');
    await submit();
    const req = http.expectOne(
      `${API}/api/public/performances/p1/reservations`,
    );
    expect(req.request.body).toEqual({
      name: 'Ada',
      email: 'ada@example.test',
      partySize: 3,
    });
    req.flush(
      { reference: 'ABCD-EFGH', status: 'pending' },
      { status: 202, statusText: 'Accepted' },
    );
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/v', 'demo', 'booked'], {
      state: {
        booking: {
          reference: 'ABCD-EFGH',
          email: 'ada@example.test',
          title: 'Hamlet',
        },
      },
    });
  });

  async function bookAndFail(status: number, body: object) {
    const page = await render();
    page.type('name', 'Ada');
    page.type('email', 'ada@example.test');
    await page.submit();
    http
      .expectOne(`${API}/api/public/performances/p1/reservations`)
      .flush(body, { status, statusText: 'Problem' });
    await page.settle();
    return page;
  }

  it('puts server field errors on their fields', async () => {
    const { input, status } = await bookAndFail(400, {
      code: 'VALIDATION_FAILED',
      detail: 'Invalid',
      errors: [{ field: 'email', message: 'email must be an email' }],
    });
    expect(status()).toBe('Check the field marked below.');
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
  });

  it('explains a closed booking', async () => {
    const page = await bookAndFail(409, {
      code: 'BOOKING_CLOSED',
      detail: 'closed',
    });
    http
      .expectOne(`${API}/api/public/performances/p1`)
      .flush({ ...PERFORMANCE, bookingStatus: 'closed' });
    await page.settle();
    expect(page.status()).toMatch(/Booking for this performance has closed/);
    expect(page.root.querySelector('form')).toBeNull();
  });

  it('says how many seats are left when the party does not fit', async () => {
    const page = await bookAndFail(409, { code: 'SOLD_OUT', detail: 'full' });
    http
      .expectOne(`${API}/api/public/performances/p1`)
      .flush({ ...PERFORMANCE, seatsAvailable: 1 });
    await page.settle();
    expect(page.status()).toMatch(/only 1 seat left/);
  });

  it('tells a rate-limited visitor when to try again', async () => {
    const { status } = await bookAndFail(429, {
      code: 'RATE_LIMITED',
      detail: 'slow down',
    });
    expect(status()).toBe(
      'Too many requests from your network. Try again in a little while.',
    );
  });
});
