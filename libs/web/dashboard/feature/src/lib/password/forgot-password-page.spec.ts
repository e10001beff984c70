import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ErrorCode } from '@foyer/contracts';
import { AppConfig } from '@foyer/web/data-access';
import { ForgotPasswordPage } from './forgot-password-page';

const API = 'https://api.example.test';
const FORGOT = `${API}/api/auth/forgot-password`;
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('ForgotPasswordPage', () => {
  let http: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ForgotPasswordPage);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const q = (testId: string) =>
      root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const type = (value: string) => {
      const input = q('forgot-email') as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    const done = async () => {
      await settle();
      await fixture.whenStable();
    };
    return { root, q, type, submit, done };
  }

  afterEach(() => {
    http.verify();
    document.body.innerHTML = '';
  });

  it('labels the field and checks it before sending', async () => {
    const { root, q, submit } = await render();
    expect(
      root.querySelector('label[for="forgot-email"]')?.textContent,
    ).toContain('Email');
    await submit();
    http.expectNone(FORGOT);
    expect(q('forgot-error')?.textContent).toContain(
      'Check the field marked below.',
    );
    expect(q('forgot-error')?.getAttribute('role')).toBe('alert');
    const email = q('forgot-email');
    expect(email?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#forgot-email-error')?.textContent).toContain(
      'Enter your email address.',
    );
    expect(document.activeElement).toBe(email);
  });

  it('posts the email and says the same thing whatever the answer means', async () => {
    const { q, type, submit, done } = await render();
    type(' ana@venue.test ');
    await submit();
    const req = http.expectOne(FORGOT);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'ana@venue.test' });
    req.flush({}, { status: 202, statusText: 'Accepted' });
    await done();
    const sent = q('forgot-sent');
    expect(sent?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'If there is a Foyer account for that address, we have emailed it a link to choose a new password. The link works once, for 30 minutes.',
    );
    expect(sent?.getAttribute('aria-live')).toBe('polite');
    expect(document.activeElement).toBe(sent);
    expect(q('forgot-email')).toBeNull();
  });

  it('explains a 429 with the wait and focuses the message', async () => {
    const { q, type, submit, done } = await render();
    type('ana@venue.test');
    await submit();
    http.expectOne(FORGOT).flush(
      {
        type: 'about:blank',
        title: 'Too Many Requests',
        status: 429,
        detail: 'slow down',
        code: ErrorCode.RATE_LIMITED,
        requestId: 'r',
      },
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { 'Retry-After': '600' },
      },
    );
    await done();
    const error = q('forgot-error');
    expect(error?.textContent).toContain(
      'Too many requests. Try again in 10 minutes.',
    );
    expect(document.activeElement).toBe(error);
    expect(q('forgot-sent')).toBeNull();
  });
});
