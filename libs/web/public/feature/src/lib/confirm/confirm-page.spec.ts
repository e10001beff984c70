import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AppConfig } from '@foyer/web/data-access';
import { ConfirmPage } from './confirm-page';

const API = 'https://api.example.test';
const TOKEN = 'AbC_def-1234567890xyzQWERTY';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ConfirmPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ConfirmPage],
      providers: [provideHttpClient(withFetch()), provideHttpClientTesting()],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    history.replaceState(null, '', '/');
  });

  async function open(hash: string) {
    history.replaceState(null, '', `/confirm${hash}`);
    const fixture = TestBed.createComponent(ConfirmPage);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const outcome = () =>
      root.querySelector<HTMLElement>('[data-testid="confirm-outcome"]');
    return { fixture, root, outcome };
  }

  it('takes the token off the address bar and posts it in the body', async () => {
    const { fixture, root, outcome } = await open(`#t=${TOKEN}`);
    expect(location.hash).toBe('');
    expect(location.pathname).toBe('/confirm');
    const req = http.expectOne(`${API}/api/public/reservations/confirm`);
    expect(req.request.body).toEqual({ token: TOKEN });
    req.flush({
      reference: 'ABCD-EFGH',
      status: 'confirmed',
      partySize: 2,
      performance: {
        id: 'p1',
        title: 'Hamlet',
        startsAt: '2030-03-16T18:30:00.000Z',
      },
    });
    await flush();
    await fixture.whenStable();
    expect(root.querySelector('h1')?.textContent?.trim()).toBe(
      'Booking confirmed',
    );
    expect(outcome()?.dataset['outcome']).toBe('confirmed');
    expect(outcome()?.textContent).toContain('Your seats are confirmed.');
    expect(outcome()?.textContent).toContain('2 seats');
    expect(outcome()?.getAttribute('aria-live')).toBe('polite');
  });

  it('says so when the booking was already confirmed', async () => {
    const { fixture, outcome } = await open(`#t=${TOKEN}`);
    http.expectOne(`${API}/api/public/reservations/confirm`).flush({
      reference: 'ABCD-EFGH',
      status: 'confirmed',
      alreadyConfirmed: true,
      partySize: 1,
      performance: {
        id: 'p1',
        title: 'Hamlet',
        startsAt: '2030-03-16T18:30:00.000Z',
      },
    });
    await flush();
    await fixture.whenStable();
    expect(outcome()?.textContent).toContain('already confirmed');
  });

  it.each([
    [409, 'SOLD_OUT', 'sold-out'],
    [410, 'TOKEN_EXPIRED', 'expired'],
    [404, 'TOKEN_INVALID', 'invalid'],
    [409, 'RESERVATION_CANCELLED', 'cancelled'],
    [503, 'SERVICE_UNAVAILABLE', 'retry'],
  ])('shows %s %s as %s', async (status, code, kind) => {
    const { fixture, outcome } = await open(`#t=${TOKEN}`);
    http
      .expectOne(`${API}/api/public/reservations/confirm`)
      .flush({ code, detail: 'x' }, { status, statusText: 'Problem' });
    await flush();
    await fixture.whenStable();
    expect(outcome()?.dataset['outcome']).toBe(kind);
  });

  it('calls nothing for a link without a valid token', async () => {
    const { outcome } = await open('#t=nope');
    expect(outcome()?.dataset['outcome']).toBe('invalid');
    http.expectNone(`${API}/api/public/reservations/confirm`);
  });
});
