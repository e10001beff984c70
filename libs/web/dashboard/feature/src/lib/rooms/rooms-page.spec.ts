import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ErrorCode,
  Permission,
  ROLE_PERMISSIONS,
  Role,
} from '@foyer/contracts';
import { AppConfig, SessionStore } from '@foyer/web/data-access';
import { RoomsPage } from './rooms-page';

const API = 'https://api.example.test';
const ROOMS = `${API}/api/staff/rooms`;
const hall = { id: 'r-1', name: 'Hall', capacity: 80 };
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('RoomsPage', () => {
  let http: HttpTestingController;

  async function render(role: Role) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
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
    const fixture = TestBed.createComponent(RoomsPage);
    http
      .expectOne((r) => r.url === ROOMS)
      .flush({ items: [hall], nextCursor: null });
    await settle();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const set = (selector: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(
        selector,
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, root, set };
  }

  afterEach(() => http.verify());

  it('shows a view-only role the rooms without form or actions', async () => {
    const { root } = await render('viewer');
    expect(root.querySelector('tbody th')?.textContent).toContain('Hall');
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelector('td.actions')).toBeNull();
  });

  it('validates, then creates a room and announces it', async () => {
    const { fixture, root, set } = await render('manager');
    const form = root.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(root.querySelector('#room-name-error')?.textContent).toContain(
      'Enter a name.',
    );
    expect(
      root.querySelector('#room-capacity')?.getAttribute('aria-invalid'),
    ).toBe('true');
    http.expectNone((r) => r.method === 'POST');

    set('#room-name', ' Studio ');
    set('#room-capacity', '40');
    form.dispatchEvent(new Event('submit'));
    const req = http.expectOne((r) => r.url === ROOMS && r.method === 'POST');
    expect(req.request.body).toEqual({ name: 'Studio', capacity: 40 });
    req.flush(
      { id: 'r-2', name: 'Studio', capacity: 40 },
      { status: 201, statusText: 'Created' },
    );
    await settle();
    await fixture.whenStable();
    expect(root.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(
      root.querySelector('[data-testid="rooms-status"]')?.textContent,
    ).toContain('Studio was added.');
  });

  it('edits a room and shows the API field error under its field', async () => {
    const { fixture, root, set } = await render('owner');
    root
      .querySelector<HTMLButtonElement>('[data-testid="room-row-r-1"] button')
      ?.click();
    await fixture.whenStable();
    expect(root.querySelector<HTMLInputElement>('#room-name')?.value).toBe(
      'Hall',
    );
    set('#room-capacity', '90');
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(
      new Event('submit'),
    );
    const req = http.expectOne(`${ROOMS}/r-1`);
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
          { field: 'capacity', message: 'must not be greater than 100000' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    await fixture.whenStable();
    expect(root.querySelector('#room-capacity-error')?.textContent).toContain(
      'Capacity must not be greater than 100000.',
    );
  });

  it('asks before deleting and reports a 409 in the live region', async () => {
    const { fixture, root } = await render('owner');
    const row = () =>
      Array.from(
        root.querySelectorAll<HTMLButtonElement>(
          '[data-testid="room-row-r-1"] button',
        ),
      );
    row()
      .find((b) => b.textContent?.includes('Delete'))
      ?.click();
    await fixture.whenStable();
    http.expectNone((r) => r.method === 'DELETE');
    row()
      .find((b) => b.textContent?.includes('Yes, delete'))
      ?.click();
    http.expectOne(`${ROOMS}/r-1`).flush(
      {
        status: 409,
        code: ErrorCode.CONFLICT,
        title: 'Conflict',
        detail: 'Performances use this room; move or remove them first.',
        type: 'about:blank',
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    await fixture.whenStable();
    const status = root.querySelector('[data-testid="rooms-status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent).toContain('Performances use this room');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(1);
  });
});
