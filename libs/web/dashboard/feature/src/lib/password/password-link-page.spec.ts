import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ErrorCode } from '@foyer/contracts';
import { AppConfig } from '@foyer/web/data-access';
import { PasswordLinkPage } from './password-link-page';

const API = 'https://api.example.test';
const TOKEN = 'AbC_def-1234567890xyzQWERTY';
const PASSPHRASE = 'correct horse battery staple';
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function problem(status: number, code: string, errors?: object[]) {
  return [
    {
      type: 'about:blank',
      title: 'Problem',
      status,
      detail: 'The request failed.',
      code,
      requestId: 'r-1',
      ...(errors ? { errors } : {}),
    },
    { status, statusText: 'Problem' },
  ] as const;
}

describe('PasswordLinkPage', () => {
  let http: HttpTestingController;

  async function open(path: string, hash: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          {
            path: 'reset-password',
            data: { purpose: 'reset' },
            component: PasswordLinkPage,
          },
          {
            path: 'set-password',
            data: { purpose: 'set' },
            component: PasswordLinkPage,
          },
        ]),
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
    // The browser opens the emailed link: the fragment is there before the app starts.
    history.replaceState(null, '', `/${path}${hash}`);
    const harness = await RouterTestingHarness.create();
    document.body.appendChild(harness.fixture.nativeElement);
    await harness.navigateByUrl(`/${path}${hash}`, PasswordLinkPage);
    const root = harness.routeNativeElement as HTMLElement;
    const q = (selector: string) => root.querySelector<HTMLElement>(selector);
    const set = (selector: string, value: string) => {
      const input = q(selector) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit'));
      await harness.fixture.whenStable();
    };
    const done = async () => {
      await settle();
      await harness.fixture.whenStable();
    };
    const outcome = () => q('[data-testid="password-link-outcome"]');
    return { root, q, set, submit, done, outcome };
  }

  afterEach(() => {
    http.verify();
    history.replaceState(null, '', '/');
    document.body.innerHTML = '';
  });

  it('takes the token off the address bar and posts it with the new password', async () => {
    const { q, set, submit, done, outcome } = await open(
      'reset-password',
      `#t=${TOKEN}`,
    );
    expect(location.hash).toBe('');
    expect(q('label[for="link-pw-new"]')?.textContent).toContain(
      'New password',
    );
    expect(q('#link-pw-new-hint')?.textContent).toContain(
      'At least 12 characters',
    );
    set('#link-pw-new', PASSPHRASE);
    set('#link-pw-confirm', PASSPHRASE);
    await submit();
    const req = http.expectOne(`${API}/api/auth/reset-password`);
    expect(req.request.body).toEqual({ token: TOKEN, newPassword: PASSPHRASE });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await done();
    expect(outcome()?.dataset['outcome']).toBe('done');
    expect(outcome()?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Your password is changed and every device that was signed in is signed out. Sign in',
    );
    expect(outcome()?.querySelector('a')?.getAttribute('href')).toBe('/login');
    expect(document.activeElement).toBe(outcome());
  });

  it('checks length and confirmation before calling the API', async () => {
    const { q, set, submit } = await open('reset-password', `#t=${TOKEN}`);
    set('#link-pw-new', 'short');
    set('#link-pw-confirm', 'other');
    await submit();
    http.expectNone(`${API}/api/auth/reset-password`);
    expect(q('[data-testid="password-link-error"]')?.textContent).toContain(
      'Check the fields marked below.',
    );
    expect(q('#link-pw-new-error')?.textContent).toContain(
      'Use at least 12 characters.',
    );
    expect(q('#link-pw-confirm-error')?.textContent).toContain('differ');
    await settle();
    expect(document.activeElement).toBe(q('#link-pw-new'));
  });

  it('shows a refused token as an invalid link with a way to ask for a new one', async () => {
    const { set, submit, done, outcome } = await open(
      'reset-password',
      `#t=${TOKEN}`,
    );
    set('#link-pw-new', PASSPHRASE);
    set('#link-pw-confirm', PASSPHRASE);
    await submit();
    http
      .expectOne(`${API}/api/auth/reset-password`)
      .flush(...problem(400, ErrorCode.TOKEN_INVALID));
    await done();
    expect(outcome()?.dataset['outcome']).toBe('invalid');
    expect(outcome()?.textContent).toContain(
      'This link is not valid any more.',
    );
    expect(outcome()?.getAttribute('role')).toBe('alert');
    expect(
      document.querySelector('a[href="/forgot-password"]')?.textContent?.trim(),
    ).toBe('Ask for a new link');
    expect(document.activeElement).toBe(outcome());
  });

  it('puts a 400 VALIDATION_FAILED on newPassword under the field', async () => {
    const { q, set, submit, done } = await open(
      'reset-password',
      `#t=${TOKEN}`,
    );
    set('#link-pw-new', 'password1234');
    set('#link-pw-confirm', 'password1234');
    await submit();
    http
      .expectOne(`${API}/api/auth/reset-password`)
      .flush(
        ...problem(400, ErrorCode.VALIDATION_FAILED, [
          { field: 'newPassword', message: 'is too common' },
        ]),
      );
    await done();
    expect(q('#link-pw-new-error')?.textContent).toContain(
      'The new password is too common.',
    );
    expect(q('#link-pw-new')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(q('#link-pw-new'));
    expect(q('form')).not.toBeNull();
  });

  it('focuses the message of a failure it cannot pin on a field', async () => {
    const { q, set, submit, done } = await open(
      'reset-password',
      `#t=${TOKEN}`,
    );
    set('#link-pw-new', PASSPHRASE);
    set('#link-pw-confirm', PASSPHRASE);
    await submit();
    http
      .expectOne(`${API}/api/auth/reset-password`)
      .flush(...problem(503, ErrorCode.SERVICE_UNAVAILABLE));
    await done();
    const error = q('[data-testid="password-link-error"]');
    expect(error?.textContent).toContain('Something went wrong on our side.');
    expect(document.activeElement).toBe(error);
  });

  it('shows the invalid-link message, and no form, without a token', async () => {
    const { q, outcome } = await open('reset-password', '');
    expect(outcome()?.dataset['outcome']).toBe('invalid');
    expect(q('form')).toBeNull();
    http.expectNone(`${API}/api/auth/reset-password`);
  });

  it('sets the first password of an invited account at /set-password', async () => {
    const { q, set, submit, done, outcome } = await open(
      'set-password',
      `#t=${TOKEN}`,
    );
    expect(q('h1')?.textContent).toContain('Choose your password');
    set('#link-pw-new', PASSPHRASE);
    set('#link-pw-confirm', PASSPHRASE);
    await submit();
    const req = http.expectOne(`${API}/api/auth/set-password`);
    expect(req.request.body).toEqual({ token: TOKEN, newPassword: PASSPHRASE });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await done();
    expect(outcome()?.textContent).toContain('Your password is set.');
  });
});
