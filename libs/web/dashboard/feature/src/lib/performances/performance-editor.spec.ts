import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRoute,
  Router,
  convertToParamMap,
  provideRouter,
} from '@angular/router';
import {
  ErrorCode,
  Permission,
  ROLE_PERMISSIONS,
  Role,
} from '@foyer/contracts';
import { AppConfig, SessionStore } from '@foyer/web/data-access';
import { PerformanceEditor } from './performance-editor';

@Component({ template: '' })
class Blank {}

const API = 'https://api.example.test';
const hall = { id: 'r-1', name: 'Hall', capacity: 80 };
const hamlet = {
  id: 'p-1',
  title: 'Hamlet',
  roomId: 'r-1',
  startsAt: '2030-05-01T17:30:00.000Z',
  endsAt: '2030-05-01T20:00:00.000Z',
  checkInOpensAt: '2030-05-01T16:30:00.000Z',
  bookingOpensAt: null,
  bookingClosesAt: null,
  bookingStatus: 'open',
  additionalSeats: 0,
  manuallyOccupiedSeats: 0,
  maxPartySize: 6,
  capacity: 80,
  confirmedSeats: 4,
  seatsAvailable: 76,
};
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('PerformanceEditor', () => {
  let http: HttpTestingController;

  async function render(role: Role, id: string | null) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'staff/performances/:id', component: Blank }]),
        {
          provide: ActivatedRoute,
          useValue: {
            snapshot: { paramMap: convertToParamMap(id ? { id } : {}) },
          },
        },
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
    const fixture = TestBed.createComponent(PerformanceEditor);
    http
      .expectOne((r) => r.url === `${API}/api/staff/rooms`)
      .flush({ items: [hall], nextCursor: null });
    if (id) {
      http.expectOne(`${API}/api/staff/performances/${id}`).flush(hamlet);
    }
    await settle();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const set = (selector: string, value: string) => {
      const input = root.querySelector<HTMLInputElement | HTMLSelectElement>(
        selector,
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(
        new Event(input.tagName === 'SELECT' ? 'change' : 'input'),
      );
    };
    return { fixture, root, set };
  }

  afterEach(() => http.verify());

  it('creates a performance with ISO times and goes to its page', async () => {
    const { fixture, root, set } = await render('manager', null);
    expect(root.querySelector('h1')?.textContent).toContain('New performance');
    set('#pf-title', 'Hamlet');
    set('#pf-roomId', 'r-1');
    set('#pf-startsAt', '2030-05-01T19:30');
    set('#pf-endsAt', '2030-05-01T22:00');
    set('#pf-bookingStatus', 'open');
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(
      new Event('submit'),
    );
    const req = http.expectOne((r) => r.method === 'POST');
    expect(req.request.body).toMatchObject({
      title: 'Hamlet',
      roomId: 'r-1',
      startsAt: new Date('2030-05-01T19:30').toISOString(),
      endsAt: new Date('2030-05-01T22:00').toISOString(),
      bookingOpensAt: null,
      bookingStatus: 'open',
      maxPartySize: 6,
    });
    expect(req.request.body).not.toHaveProperty('checkInOpensAt');
    req.flush(hamlet, { status: 201, statusText: 'Created' });
    await settle();
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/staff/performances/p-1');
  });

  it('shows the API validation errors under their fields', async () => {
    const { fixture, root, set } = await render('owner', 'p-1');
    expect(root.querySelector<HTMLInputElement>('#pf-title')?.value).toBe(
      'Hamlet',
    );
    set('#pf-maxPartySize', '5');
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(
      new Event('submit'),
    );
    const req = http.expectOne(`${API}/api/staff/performances/p-1`);
    expect(req.request.method).toBe('PATCH');
    req.flush(
      {
        status: 400,
        code: ErrorCode.VALIDATION_FAILED,
        title: 'Bad',
        detail: 'Invalid body',
        type: 'about:blank',
        requestId: 'r',
        errors: [
          { field: 'checkInOpensAt', message: 'must not be after endsAt' },
          { field: 'roomId', message: 'does not exist' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    await fixture.whenStable();
    expect(
      root.querySelector('#pf-checkInOpensAt-error')?.textContent,
    ).toContain('Check-in opens must not be after endsAt.');
    expect(root.querySelector('#pf-roomId-error')?.textContent).toContain(
      'Room does not exist.',
    );
    expect(root.querySelector('#pf-roomId')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(
      root.querySelector('#performance-form-status')?.textContent,
    ).toContain('Invalid body');
  });

  it('shows a view-only role a disabled form without a save button', async () => {
    const { root } = await render('viewer', 'p-1');
    expect(root.querySelector<HTMLInputElement>('#pf-title')?.disabled).toBe(
      true,
    );
    expect(root.querySelector('[data-testid="save-performance"]')).toBeNull();
    expect(root.textContent).toContain(
      'can view performances but not change them',
    );
  });
});
