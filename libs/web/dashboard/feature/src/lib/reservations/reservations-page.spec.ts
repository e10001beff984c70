import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRoute,
  convertToParamMap,
  provideRouter,
} from '@angular/router';
import { Permission, ROLE_PERMISSIONS, Role } from '@foyer/contracts';
import { AppConfig, SessionStore } from '@foyer/web/data-access';
import { BehaviorSubject } from 'rxjs';
import { ReservationsPage } from './reservations-page';
import { availableActions } from './reservation-messages';

const API = 'https://api.example.test';
const LIST = `${API}/api/staff/performances/p-1/reservations`;
const ada = {
  id: 'r-1',
  reference: 'ABC123',
  name: '<b>Ada</b>',
  email: 'ada@example.test',
  phone: null,
  notes: null,
  partySize: 2,
  status: 'confirmed' as const,
  createdAt: '2030-01-01T10:00:00.000Z',
  confirmedAt: null,
  cancelledAt: null,
  checkedInAt: null,
  // The API sends it (a reservation whose personal data were erased).
  anonymisedAt: null,
};
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('ReservationsPage', () => {
  let http: HttpTestingController;

  async function render(role: Role) {
    const query = new BehaviorSubject(
      convertToParamMap({ performance: 'p-1' }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: ActivatedRoute, useValue: { queryParamMap: query } },
        {
          provide: SessionStore,
          useValue: {
            role: signal(role),
            can: (p: Permission) => ROLE_PERMISSIONS[role].includes(p),
          },
        },
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ReservationsPage);
    http
      .expectOne((r) => r.url === `${API}/api/staff/performances`)
      .flush({ items: [], nextCursor: null });
    http
      .expectOne((r) => r.url === LIST)
      .flush({ items: [ada], nextCursor: 'c2' });
    await settle();
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => http.verify());

  it('lists as text, searches with q and status, and pages', async () => {
    const { fixture, root } = await render('manager');
    expect(root.querySelector('tbody td')?.textContent).toBe('<b>Ada</b>');
    expect(
      root.querySelector('[data-testid="reservations-list-status"]')
        ?.textContent,
    ).toContain('1 reservation shown, more available.');

    const q = root.querySelector<HTMLInputElement>(
      '#res-q',
    ) as HTMLInputElement;
    q.value = 'abc';
    q.dispatchEvent(new Event('input'));
    const status = root.querySelector<HTMLSelectElement>(
      '#res-status',
    ) as HTMLSelectElement;
    status.value = 'cancelled';
    status.dispatchEvent(new Event('change'));
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(
      new Event('submit'),
    );
    const req = http.expectOne((r) => r.url === LIST);
    expect(req.request.params.get('q')).toBe('abc');
    expect(req.request.params.get('status')).toBe('cancelled');
    req.flush({ items: [], nextCursor: null });
    await settle();
    await fixture.whenStable();
    expect(root.querySelector('tbody')?.textContent).toContain(
      'No reservations match.',
    );
    expect(root.querySelector('[data-testid="show-more"]')).toBeNull();
  });

  it('cancels only after confirming, and announces the result', async () => {
    const { fixture, root } = await render('manager');
    const buttons = () =>
      Array.from(
        root.querySelectorAll<HTMLButtonElement>(
          '[data-testid="reservation-row-ABC123"] button',
        ),
      );
    buttons()
      .find((b) => b.textContent?.includes('Cancel'))
      ?.click();
    await fixture.whenStable();
    http.expectNone((r) => r.url.endsWith('/cancel'));
    buttons()
      .find((b) => b.textContent?.includes('Yes, cancel booking'))
      ?.click();
    http
      .expectOne(`${API}/api/staff/reservations/r-1/cancel`)
      .flush({ ...ada, status: 'cancelled' });
    await settle();
    await fixture.whenStable();
    const live = root.querySelector('[data-testid="reservations-status"]');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.textContent).toContain(
      'Booking ABC123 is cancelled; its 2 seats are free again.',
    );
    expect(buttons().map((b) => b.textContent?.trim())).toEqual([]);
  });

  it('resends a ticket', async () => {
    const { fixture, root } = await render('owner');
    Array.from(
      root.querySelectorAll<HTMLButtonElement>(
        '[data-testid="reservation-row-ABC123"] button',
      ),
    )
      .find((b) => b.textContent?.includes('Resend ticket'))
      ?.click();
    http
      .expectOne(`${API}/api/staff/reservations/r-1/resend-ticket`)
      .flush(ada);
    await settle();
    await fixture.whenStable();
    expect(
      root.querySelector('[data-testid="reservations-status"]')?.textContent,
    ).toContain('the old QR code no longer works');
  });

  it('offers actions by status and permission', () => {
    expect(availableActions(ada, true)).toEqual(['resend', 'cancel']);
    expect(availableActions({ ...ada, status: 'pending' }, true)).toEqual([
      'cancel',
    ]);
    expect(availableActions({ ...ada, status: 'cancelled' }, true)).toEqual([]);
    expect(availableActions(ada, false)).toEqual([]);
  });
});
