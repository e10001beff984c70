import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  ErrorCode,
  Permission,
  ROLE_PERMISSIONS,
  Role,
} from '@foyer/contracts';
import { AppConfig, SessionStore } from '@foyer/web/data-access';
import { UsersPage } from './users-page';

const API = 'https://api.example.test';
const USERS = `${API}/api/staff/users`;
const owner = {
  id: 'u-1',
  email: 'olga@venue.test',
  displayName: 'Olga',
  role: 'owner',
  disabled: false,
  status: 'active',
};
const host = {
  id: 'u-2',
  email: 'hal@venue.test',
  displayName: 'Hal',
  role: 'host',
  disabled: false,
  status: 'invited',
};

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('UsersPage', () => {
  let http: HttpTestingController;

  async function render(role: Role, me = 'u-9') {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: SessionStore,
          useValue: {
            role: signal(role),
            user: signal({ id: me, email: 'me@venue.test', displayName: 'Me' }),
            can: (p: Permission) => ROLE_PERMISSIONS[role].includes(p),
          },
        },
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(UsersPage);
    http
      .expectOne((r) => r.url === USERS)
      .flush({ items: [owner, host], nextCursor: null });
    await settle();
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => http.verify());

  it('lists members; a manager sees no add form nor actions', async () => {
    const { root } = await render('manager');
    expect(root.querySelector('h1')?.textContent).toBe('Staff');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelector('td.actions')).toBeNull();
  });

  it('marks invited members with a badge', async () => {
    const { root } = await render('manager');
    expect(root.querySelector('[data-testid="invited-u-2"]')?.textContent).toBe(
      'Invited',
    );
    expect(root.querySelector('[data-testid="invited-u-1"]')).toBeNull();
    expect(
      root
        .querySelector('[data-testid="user-row-u-1"] td[data-label="Status"]')
        ?.textContent?.trim(),
    ).toBe('Active');
  });

  it('confirms an invitation without saying whether the address had an account', async () => {
    const { fixture, root } = await render('owner');
    const set = (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(
        id,
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('#add-email', ' cy@venue.test ');
    set('#add-name', 'Cy');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    http
      .expectOne((r) => r.url === USERS && r.method === 'POST')
      .flush(
        {
          id: 'u-3',
          email: 'cy@venue.test',
          displayName: 'Cy',
          role: 'viewer',
          status: 'invited',
        },
        { status: 201, statusText: 'Created' },
      );
    await settle();
    await fixture.whenStable();
    expect(
      root.querySelector('[data-testid="users-status"]')?.textContent?.trim(),
    ).toBe('Invitation sent to cy@venue.test.');
    expect(root.querySelector('[data-testid="invited-u-3"]')).not.toBeNull();
  });

  it('offers an admin every role but owner and locks owner rows', async () => {
    const { root } = await render('admin');
    const options = Array.from(
      root.querySelectorAll<HTMLOptionElement>('#add-role option'),
    ).map((o) => o.value);
    expect(options).toEqual(['admin', 'manager', 'host', 'kitchen', 'viewer']);
    expect(
      root.querySelector('[data-testid="user-row-u-1"] .actions')?.textContent,
    ).toContain('Only an owner can change an owner.');
    expect(root.querySelector('label[for="role-u-2"]')?.textContent).toContain(
      'Role for Hal',
    );
  });

  it('announces 409 LAST_OWNER when an owner disables the last owner', async () => {
    const { fixture, root } = await render('owner');
    const disable = Array.from(
      root.querySelectorAll<HTMLButtonElement>(
        '[data-testid="user-row-u-1"] button',
      ),
    ).find((b) => b.textContent?.includes('Disable'));
    disable?.click();
    const req = http.expectOne(`${USERS}/u-1`);
    expect(req.request.body).toEqual({ disabled: true });
    req.flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'last owner',
        code: ErrorCode.LAST_OWNER,
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    await fixture.whenStable();
    const status = root.querySelector('[data-testid="users-status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent).toContain('without an owner');
  });

  it('validates the add form before sending and shows a 403 from the API', async () => {
    const { fixture, root } = await render('owner');
    const form = root.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(root.querySelector('#add-status')?.textContent).toContain(
      'Check the fields marked below.',
    );
    expect(root.querySelector('#add-email')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(root.querySelector('#add-email-error')?.textContent).toContain(
      'Enter an email address.',
    );

    const set = (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(
        id,
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('#add-email', 'new@venue.test');
    set('#add-name', 'New Person');
    form.dispatchEvent(new Event('submit'));
    const req = http.expectOne((r) => r.url === USERS && r.method === 'POST');
    expect(req.request.body).toEqual({
      email: 'new@venue.test',
      displayName: 'New Person',
      role: 'viewer',
    });
    req.flush(
      {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'no',
        code: ErrorCode.FORBIDDEN,
        requestId: 'r',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    await fixture.whenStable();
    expect(root.querySelector('#add-status')?.textContent).toContain(
      'Your role does not allow that.',
    );
  });
});
