import {
  provideHttpClient,
  withInterceptors,
  withNoXsrfProtection,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ErrorCode, Header } from '@foyer/contracts';
import {
  AppConfig,
  SessionStore,
  apiInterceptor,
} from '@foyer/web/data-access';
import { of } from 'rxjs';
import { AccountPage } from './account-page';

const API = 'https://api.example.test';
const SESSIONS = `${API}/api/auth/sessions`;
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

@Component({ template: '<h1>Sign in</h1>' })
class Blank {}

const tenant = { id: 't-1', slug: 'teatro', name: 'Teatro Nuevo' };
const here = {
  id: 's-1',
  tenant,
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ip: '203.0.113.7',
  createdAt: '2030-03-01T10:00:00.000Z',
  lastUsedAt: '2030-03-02T11:30:00.000Z',
  current: true,
};
const phone = {
  id: 's-2',
  tenant: { id: 't-2', slug: 'sala', name: 'Sala Verde' },
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  ip: null,
  createdAt: '2030-02-20T08:00:00.000Z',
  lastUsedAt: '2030-03-01T09:00:00.000Z',
  current: false,
};
const unknown = {
  ...phone,
  id: 's-3',
  userAgent: null,
  ip: '198.51.100.2',
  lastUsedAt: '2030-02-21T09:00:00.000Z',
};

function problem(status: number, code: string) {
  return [
    {
      type: 'about:blank',
      title: 'Problem',
      status,
      detail: 'x',
      code,
      requestId: 'r-1',
    },
    { status, statusText: 'Problem' },
  ] as const;
}

describe('AccountPage', () => {
  let http: HttpTestingController;
  let logoutAll: jest.Mock<Promise<void>, []>;

  async function render() {
    logoutAll = jest.fn(async () => undefined);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(
          withInterceptors([apiInterceptor]),
          withNoXsrfProtection(),
        ),
        provideHttpClientTesting(),
        provideRouter([{ path: 'login', component: Blank }]),
        {
          provide: SessionStore,
          useValue: {
            user: signal({
              id: 'u-1',
              email: 'ana@venue.test',
              displayName: 'Ana',
            }),
            csrfToken: signal('tok'),
            ensureCsrfToken: () => of('tok'),
            logoutAll,
          },
        },
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AccountPage);
    document.body.appendChild(fixture.nativeElement);
    const root = fixture.nativeElement as HTMLElement;
    const done = async () => {
      await settle();
      await fixture.whenStable();
    };
    const row = (id: string) =>
      root.querySelector<HTMLElement>(`[data-testid="session-${id}"]`);
    const q = (testId: string) =>
      root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    return { fixture, root, done, row, q };
  }

  afterEach(() => {
    http.verify();
    document.body.innerHTML = '';
  });

  async function loaded(items: object[] = [phone, unknown, here]) {
    const page = await render();
    http.expectOne(SESSIONS).flush({ items });
    await page.done();
    return page;
  }

  it('lists the sessions, this device first, each with device, venue, IP and times', async () => {
    const { root, row } = await loaded();
    const rows = Array.from(root.querySelectorAll('tbody tr')).map((tr) =>
      tr.getAttribute('data-testid'),
    );
    expect(rows).toEqual(['session-s-1', 'session-s-2', 'session-s-3']);

    const mine = row('s-1');
    expect(mine?.querySelector('th')?.textContent).toContain('Chrome on Linux');
    expect(
      mine?.querySelector('[data-testid="this-device"]')?.textContent,
    ).toBe('This device');
    expect(mine?.textContent).toContain('Teatro Nuevo');
    expect(mine?.textContent).toContain('203.0.113.7');
    expect(
      mine
        ?.querySelector('td[data-label="Signed in"] time')
        ?.getAttribute('datetime'),
    ).toBe(here.createdAt);
    expect(
      mine?.querySelector('td[data-label="Last active"] time')?.textContent,
    ).toMatch(/2030/);
    expect(mine?.querySelector('button')).toBeNull();

    expect(row('s-2')?.querySelector('th')?.textContent).toContain(
      'Safari on iPhone',
    );
    expect(
      row('s-2')
        ?.querySelector('td[data-label="IP address"]')
        ?.textContent?.trim(),
    ).toBe('Unknown');
    expect(row('s-3')?.querySelector('th')?.textContent).toContain(
      'Unknown device',
    );
    expect(row('s-2')?.querySelector('button')?.textContent).toContain(
      'Sign out Safari on iPhone at Sala Verde',
    );
    expect(
      root.querySelector('a[href="/staff/account/password"]')?.textContent,
    ).toContain('Change password');
  });

  it('signs one session out with the CSRF token and drops it from the list', async () => {
    const { row, done, q } = await loaded();
    row('s-2')?.querySelector('button')?.click();
    await settle();
    const req = http.expectOne(`${SESSIONS}/s-2`);
    expect(req.request.method).toBe('DELETE');
    expect(req.request.headers.get(Header.CSRF_TOKEN)).toBe('tok');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await done();
    expect(row('s-2')).toBeNull();
    const status = q('sessions-status');
    expect(status?.textContent).toContain(
      'Safari on iPhone at Sala Verde is signed out.',
    );
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(document.activeElement).toBe(status);
  });

  it('drops a session the API no longer knows (404)', async () => {
    const { row, done, q } = await loaded();
    row('s-3')?.querySelector('button')?.click();
    await settle();
    http
      .expectOne(`${SESSIONS}/s-3`)
      .flush(...problem(404, ErrorCode.NOT_FOUND));
    await done();
    expect(row('s-3')).toBeNull();
    expect(q('sessions-status')?.textContent).toContain(
      'was already signed out',
    );
  });

  it('keeps the row and focuses the alert when signing out fails', async () => {
    const { row, done, q } = await loaded();
    row('s-2')?.querySelector('button')?.click();
    await settle();
    http
      .expectOne(`${SESSIONS}/s-2`)
      .flush(...problem(503, ErrorCode.SERVICE_UNAVAILABLE));
    await done();
    expect(row('s-2')).not.toBeNull();
    const failure = q('sessions-failure');
    expect(failure?.getAttribute('role')).toBe('alert');
    expect(failure?.textContent).toContain(
      'Could not sign out Safari on iPhone at Sala Verde.',
    );
    expect(document.activeElement).toBe(failure);
  });

  it('signs out everywhere and goes to the login page', async () => {
    const { q, done } = await loaded();
    q('sign-out-everywhere')?.click();
    await done();
    expect(logoutAll).toHaveBeenCalled();
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('says why the list could not load and offers to try again', async () => {
    const { root, done } = await render();
    http.expectOne(SESSIONS).error(new ProgressEvent('error'));
    await done();
    expect(root.textContent).toContain('The server could not be reached.');
    root.querySelector<HTMLButtonElement>('button.link-button')?.click();
    http.expectOne(SESSIONS).flush({ items: [here] });
    await done();
    expect(root.querySelectorAll('tbody tr')).toHaveLength(1);
  });
});
