import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ErrorCode } from '@foyer/contracts';
import { ApiError, SessionStore } from '@foyer/web/data-access';
import { LoginPage } from './login-page';

@Component({ template: '<h1>Staff</h1>' })
class Blank {}

describe('LoginPage', () => {
  let login: jest.Mock<Promise<void>, [string, string, string?]>;

  async function open(url = '/login') {
    TestBed.configureTestingModule({
      providers: [
        { provide: SessionStore, useValue: { login: (login = jest.fn()) } },
        provideRouter([
          { path: 'login', component: LoginPage },
          { path: 'staff', component: Blank },
          { path: 'staff/audit', component: Blank },
        ]),
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, LoginPage);
    const root = harness.routeNativeElement as HTMLElement;
    document.body.appendChild(harness.fixture.nativeElement);
    const q = <T extends HTMLElement>(testId: string) =>
      root.querySelector<T>(`[data-testid="${testId}"]`) as T;
    const type = (testId: string, value: string) => {
      const input = q<HTMLInputElement>(testId);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
    };
    const submit = async () => {
      q<HTMLButtonElement>('login-submit').click();
      await harness.fixture.whenStable();
    };
    const status = () => q('login-error').textContent?.trim();
    return { harness, root, q, type, submit, status };
  }

  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('labels every field', async () => {
    const { root } = await open();
    for (const input of Array.from(root.querySelectorAll('input'))) {
      const label = root.querySelector(`label[for="${input.id}"]`);
      expect(label?.textContent?.trim()).toBeTruthy();
    }
    expect(
      root.querySelector('label[for="login-email"]')?.textContent,
    ).toContain('Email');
    expect(
      root.querySelector('label[for="login-password"]')?.textContent,
    ).toContain('Password');
    expect(
      root
        .querySelector('[data-testid="login-error"]')
        ?.getAttribute('aria-live'),
    ).toBe('assertive');
  });

  it('links to the forgotten-password page', async () => {
    const { q } = await open();
    const link = q<HTMLAnchorElement>('forgot-password-link');
    expect(link.textContent?.trim()).toBe('Forgot your password?');
    expect(link.getAttribute('href')).toBe('/forgot-password');
  });

  it('announces missing fields, links the errors and focuses the first one', async () => {
    const { q, submit, status } = await open();
    await submit();
    expect(login).not.toHaveBeenCalled();
    expect(status()).toBe('Check the 2 fields marked below.');
    const email = q<HTMLInputElement>('login-email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toContain(
      'Enter your email address.',
    );
    expect(document.activeElement).toBe(email);
  });

  it('says "Email or password is wrong" for 401 INVALID_CREDENTIALS and clears the password', async () => {
    const { q, type, submit, status } = await open();
    login.mockRejectedValue(
      new ApiError(
        401,
        ErrorCode.INVALID_CREDENTIALS,
        'Invalid email or password',
      ),
    );
    type('login-email', 'ana@venue.test');
    type('login-password', 'not it');
    type('login-venue', 'teatro');
    await submit();
    expect(login).toHaveBeenCalledWith('ana@venue.test', 'not it', 'teatro');
    expect(status()).toBe('Email or password is wrong.');
    expect(q<HTMLInputElement>('login-password').value).toBe('');
    expect(
      q<HTMLInputElement>('login-password').getAttribute('aria-invalid'),
    ).toBe('false');
  });

  it('sends the venue lowercased and refuses one the API would reject', async () => {
    const { q, type, submit, status } = await open();
    login.mockResolvedValue();
    type('login-email', 'ana@venue.test');
    type('login-password', 'pw');
    type('login-venue', 'bad_slug!');
    await submit();
    expect(login).not.toHaveBeenCalled();
    expect(status()).toBe('Check the field marked below.');
    expect(q('login-venue').getAttribute('aria-invalid')).toBe('true');
    type('login-venue', ' Teatro ');
    await submit();
    expect(login).toHaveBeenCalledWith('ana@venue.test', 'pw', 'teatro');
  });

  it.each([
    [
      ErrorCode.ACCOUNT_LOCKED,
      840,
      'this account is locked. Try again in 14 minutes.',
    ],
    [
      ErrorCode.RATE_LIMITED,
      45,
      'Too many sign-in attempts from this network. Try again in 45 seconds.',
    ],
    [ErrorCode.RATE_LIMITED, null, 'Try again in a little while.'],
  ])('explains 429 %s with the wait', async (code, retryAfter, text) => {
    const { type, submit, status } = await open();
    login.mockRejectedValue(new ApiError(429, code, 'x', [], null, retryAfter));
    type('login-email', 'ana@venue.test');
    type('login-password', 'pw');
    await submit();
    expect(status()).toContain(text);
  });

  it('goes to the return URL after signing in', async () => {
    const { type, submit } = await open('/login?returnUrl=%2Fstaff%2Faudit');
    login.mockResolvedValue();
    type('login-email', 'ana@venue.test');
    type('login-password', 'pw');
    await submit();
    expect(TestBed.inject(Router).url).toBe('/staff/audit');
  });

  it('ignores a return URL that leaves the app and goes to /staff', async () => {
    const { type, submit } = await open(
      '/login?returnUrl=https%3A%2F%2Fevil.example%2F',
    );
    login.mockResolvedValue();
    type('login-email', 'ana@venue.test');
    type('login-password', 'pw');
    await submit();
    expect(TestBed.inject(Router).url).toBe('/staff');
  });
});
