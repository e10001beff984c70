import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ErrorCode } from '@foyer/contracts';
import { AppConfig, SessionStore } from '@foyer/web/data-access';
import { AcceptInvitationPage } from './accept-invitation-page';

const API = 'https://api.example.test';
const ACCEPT = `${API}/api/auth/accept-invitation`;
const TOKEN = 'AbC_def-1234567890xyzQWERTY';
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('AcceptInvitationPage', () => {
  let http: HttpTestingController;
  let loadMe: jest.Mock<Promise<boolean>, []>;

  async function open(hash: string, signedIn = false) {
    loadMe = jest.fn(async () => true);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: SessionStore,
          useValue: { isAuthenticated: signal(signedIn), loadMe },
        },
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
    history.replaceState(null, '', `/accept-invitation${hash}`);
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const outcome = () =>
      root.querySelector<HTMLElement>('[data-testid="invitation-outcome"]');
    const button = () =>
      root.querySelector<HTMLButtonElement>(
        '[data-testid="accept-invitation"]',
      );
    const done = async () => {
      await settle();
      await fixture.whenStable();
    };
    return { root, outcome, button, done };
  }

  afterEach(() => {
    http.verify();
    history.replaceState(null, '', '/');
    document.body.innerHTML = '';
  });

  it('takes the token off the address bar and asks before accepting', async () => {
    const { outcome, button, done } = await open(`#t=${TOKEN}`);
    expect(location.hash).toBe('');
    expect(outcome()?.textContent).toContain(
      "You have been invited to join a venue's staff on Foyer.",
    );
    http.expectNone(ACCEPT);
    button()?.click();
    const req = http.expectOne(ACCEPT);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ token: TOKEN });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await done();
    expect(outcome()?.dataset['outcome']).toBe('accepted');
    expect(outcome()?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Invitation accepted. Sign in to work for the venue; if you are signed in already, switch venue from the menu.',
    );
    expect(outcome()?.querySelector('a')?.getAttribute('href')).toBe('/login');
    expect(button()).toBeNull();
    expect(document.activeElement).toBe(outcome());
    expect(loadMe).not.toHaveBeenCalled();
  });

  it('reloads the memberships when this tab is signed in', async () => {
    const { button, done } = await open(`#t=${TOKEN}`, true);
    button()?.click();
    http
      .expectOne(ACCEPT)
      .flush(null, { status: 204, statusText: 'No Content' });
    await done();
    expect(loadMe).toHaveBeenCalled();
  });

  it('says a spent, expired or withdrawn invitation is not valid any more', async () => {
    const { outcome, button, done } = await open(`#t=${TOKEN}`);
    button()?.click();
    http.expectOne(ACCEPT).flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'x',
        code: ErrorCode.TOKEN_INVALID,
        requestId: 'r',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await done();
    expect(outcome()?.dataset['outcome']).toBe('invalid');
    expect(outcome()?.textContent).toContain(
      'This invitation is not valid any more (already accepted, expired, or withdrawn).',
    );
    expect(button()).toBeNull();
    expect(document.activeElement).toBe(outcome());
  });

  it('keeps the button for a failure worth retrying', async () => {
    const { outcome, button, done } = await open(`#t=${TOKEN}`);
    button()?.click();
    http.expectOne(ACCEPT).error(new ProgressEvent('error'));
    await done();
    expect(outcome()?.dataset['outcome']).toBe('retry');
    expect(outcome()?.textContent).toContain('could not be reached');
    expect(button()).not.toBeNull();
  });

  it('shows the invalid message without a token and sends nothing', async () => {
    const { outcome, button } = await open('');
    expect(outcome()?.dataset['outcome']).toBe('invalid');
    expect(button()).toBeNull();
    http.expectNone(ACCEPT);
  });
});
