import { test as plain, type Page } from '@playwright/test';
import { API_BASE_URL } from './env';
import { expect, test } from './fixtures';

/**
 * The account of a member of staff: forgot password → emailed reset link → new password,
 * a spent link refused, and signing out another device from the Account page.
 *
 * It uses the demo seed's admin login, which no other spec (web-e2e or api-e2e) signs in
 * with, and changes its password; `afterAll` sets the demo password back and ends the
 * session it needed for that, so the account is as seeded again afterwards.
 */
const ADMIN = {
  email: 'admin@demo.foyer.localhost',
  name: 'Demo Admin',
  password: 'Curtain-call-at-8pm',
};
const NEW_PASSWORD = 'Lantern-orchard-58!';
const VENUE = 'Foyer Demo Theatre';

/** Device B of the sessions test, so the two rows of the Account page differ. */
const FIREFOX_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

const MAIL = (process.env['MAIL_WEB_URL'] ?? 'http://127.0.0.1:1080').replace(
  /\/+$/,
  '',
);

interface Mail {
  id: string;
  subject: string;
  text?: string;
  to?: { address: string }[];
}

const RESET_SUBJECT = /^Choose a new Foyer password/;

async function resetMails(): Promise<Mail[]> {
  const mails = (await (await fetch(`${MAIL}/api/email`)).json()) as Mail[];
  return mails.filter(
    (m) =>
      RESET_SUBJECT.test(m.subject) &&
      m.to?.some((to) => to.address === ADMIN.email),
  );
}

/** The worker sends after commit: poll the catcher for a reset mail not in `before`. */
async function newResetMail(before: ReadonlySet<string>): Promise<Mail> {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = (await resetMails()).find((m) => !before.has(m.id));
    if (found) return found;
    if (Date.now() > until) {
      throw new Error(`no reset mail for ${ADMIN.email}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Console and page errors, and every API answer of 400 or more as `<status> <METHOD>
 * <path>`. Chromium logs each such answer as a "Failed to load resource" console error;
 * those are left to `failures`, which each test compares with the ones it provokes, so
 * any other console error (a CSP violation included) still fails the test.
 */
function watch(page: Page) {
  const errors: string[] = [];
  const failures: string[] = [];
  const urls: string[] = [];
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of \d+/.test(
        message.text(),
      )
    ) {
      errors.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('request', (request) => urls.push(request.url()));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === new URL(API_BASE_URL).origin && response.status() >= 400)
      failures.push(
        `${response.status()} ${response.request().method()} ${url.pathname}`,
      );
  });
  return { errors, failures, urls };
}

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function api(
  path: string,
  body: unknown,
  token?: string,
): Promise<Response> {
  return fetch(`${API_BASE_URL}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Auth-Mode': 'bearer',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

test.use({ viewport: { width: 1280, height: 800 } });

test.describe.serial('staff account', () => {
  /** The reset link of the first test, `/reset-password#t=…`, spent there. */
  let resetPath = '';

  test.afterAll(async () => {
    // Back to the seeded password, if the reset happened; then end that session too.
    const login = await api('/api/auth/login', {
      email: ADMIN.email,
      password: NEW_PASSWORD,
    });
    if (login.status !== 200) return;
    const { accessToken } = (await login.json()) as { accessToken: string };
    const changed = await api(
      '/api/auth/password',
      { currentPassword: NEW_PASSWORD, newPassword: ADMIN.password },
      accessToken,
    );
    expect(changed.status, 'the demo password is set back').toBe(200);
    const renewed = (await changed.json()) as { accessToken: string };
    const logout = await api('/api/auth/logout', {}, renewed.accessToken);
    expect(logout.status).toBe(204);
  });

  plain(
    'forgot password: the emailed link sets a new password; the new one signs in, the old one is refused',
    async ({ page }) => {
      const seen = watch(page);
      await page.goto('/login');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expect(page).toHaveURL(/\/forgot-password$/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Forgot your password?' }),
      ).toBeVisible();

      const before = new Set((await resetMails()).map((m) => m.id));
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      const sent = page.getByTestId('forgot-sent');
      await expect(sent).toContainText(
        'If there is a Foyer account for that address, we have emailed it a link to choose a new password.',
      );
      await expect(sent).toBeFocused();

      const mail = await newResetMail(before);
      const match =
        /https?:\/\/[^\s/]+(\/reset-password#t=([A-Za-z0-9_-]+))/.exec(
          mail.text ?? '',
        );
      expect(match, 'a /reset-password#t=… link in the mail').not.toBeNull();
      const [, path, token] = match as RegExpExecArray;
      resetPath = path;

      await page.goto(path);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Choose a new password' }),
      ).toBeVisible();
      expect(
        new URL(page.url()).hash,
        'the token is cleared from the address bar',
      ).toBe('');
      expect(page.url()).not.toContain(token);

      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('New password again').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      const outcome = page.getByTestId('password-link-outcome');
      await expect(outcome).toHaveAttribute('data-outcome', 'done');
      await expect(outcome).toContainText(
        'Your password is changed and every device that was signed in is signed out.',
      );
      await expect(outcome).toBeFocused();

      await outcome.getByRole('link', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/login$/);
      await signIn(page, ADMIN.password);
      await expect(page.getByTestId('login-error')).toHaveText(
        'Email or password is wrong.',
      );
      await expect(page).toHaveURL(/\/login$/);

      await signIn(page, NEW_PASSWORD);
      await expect(page).toHaveURL(/\/staff$/);
      await expect(page.getByTestId('user-menu')).toContainText(ADMIN.name);
      // Leave no session behind for the sessions test to count.
      await page.getByTestId('logout').click();
      await expect(page).toHaveURL(/\/login$/);

      // The token travelled only in the request body.
      expect(seen.urls.filter((url) => url.includes(token))).toEqual([]);
      expect(seen.failures).toEqual(['401 POST /api/auth/login']);
      expect(seen.errors).toEqual([]);
    },
  );

  plain(
    'a reset link used once says it is not valid any more and offers a new one',
    async ({ page }) => {
      expect(resetPath, 'the first test spent a reset link').not.toBe('');
      const seen = watch(page);
      await page.goto(resetPath);
      // Nothing tells the page the link is spent until it is used: the form shows first.
      await expect(
        page.getByRole('heading', { level: 1, name: 'Choose a new password' }),
      ).toBeVisible();
      expect(new URL(page.url()).hash).toBe('');
      await page
        .getByLabel('New password', { exact: true })
        .fill('Quartz-meadow-91?');
      await page.getByLabel('New password again').fill('Quartz-meadow-91?');
      await page.getByRole('button', { name: 'Change password' }).click();

      const outcome = page.getByTestId('password-link-outcome');
      await expect(outcome).toHaveAttribute('data-outcome', 'invalid');
      await expect(outcome).toHaveText('This link is not valid any more.');
      await expect(outcome).toBeFocused();
      const again = page.getByRole('link', { name: 'Ask for a new link' });
      await expect(again).toHaveAttribute('href', '/forgot-password');
      await again.click();
      await expect(page).toHaveURL(/\/forgot-password$/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Forgot your password?' }),
      ).toBeVisible();

      expect(seen.failures).toEqual(['400 POST /api/auth/reset-password']);
      expect(seen.errors).toEqual([]);
    },
  );

  test('signed in on two devices: the Account page lists both and signs the other one out', async ({
    page,
    browser,
  }) => {
    // Device B first, in its own browser context (its own cookies), as Firefox on Windows.
    const other = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      userAgent: FIREFOX_ON_WINDOWS,
    });
    try {
      const phone = await other.newPage();
      const seenB = watch(phone);
      await phone.goto('/login');
      await signIn(phone, NEW_PASSWORD);
      await expect(phone).toHaveURL(/\/staff$/);

      // Device A: this test's page (console errors and CSP violations fail the test).
      await page.goto('/login');
      await signIn(page, NEW_PASSWORD);
      await expect(page).toHaveURL(/\/staff$/);
      await page.getByTestId('user-menu').click();
      await page
        .getByRole('link', { name: 'Your account and devices' })
        .click();
      await expect(page).toHaveURL(/\/staff\/account$/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Your account' }),
      ).toBeVisible();
      await expect(page.getByText(`Signed in as ${ADMIN.name}`)).toBeVisible();

      const table = page.getByTestId('sessions-table');
      const rows = table.locator('tbody tr[data-testid^="session-"]');
      await expect(rows).toHaveCount(2);
      const here = rows.filter({ has: page.getByTestId('this-device') });
      await expect(here).toHaveCount(1);
      await expect(here.getByTestId('this-device')).toHaveText('This device');
      await expect(here).toContainText(VENUE);
      await expect(here.getByRole('button')).toHaveCount(0);
      const there = rows.filter({ hasNot: page.getByTestId('this-device') });
      await expect(there).toHaveCount(1);
      await expect(there.getByRole('rowheader')).toHaveText(
        'Firefox on Windows',
      );
      await expect(there).toContainText(VENUE);

      await there
        .getByRole('button', {
          name: `Sign out Firefox on Windows at ${VENUE}`,
        })
        .click();
      await expect(rows).toHaveCount(1);
      await expect(rows.getByTestId('this-device')).toBeVisible();
      await expect(page.getByTestId('sessions-status')).toHaveText(
        `Firefox on Windows at ${VENUE} is signed out.`,
      );

      // Device B still shows the staff area, until its next API call: opening its
      // Account page (no reload) gets a 401, the silent refresh is refused too, and the
      // app sends it to the sign-in page, to come back to the Account page after.
      await expect(phone.getByTestId('user-menu')).toBeVisible();
      await phone.getByTestId('user-menu').click();
      await phone
        .getByRole('link', { name: 'Your account and devices' })
        .click();
      await expect(phone).toHaveURL(/\/login\?returnUrl=%2Fstaff%2Faccount$/);
      await expect(
        phone.getByRole('heading', { level: 1, name: 'Staff sign in' }),
      ).toBeVisible();
      await phone.reload();
      await expect(
        phone.getByRole('heading', { level: 1, name: 'Staff sign in' }),
      ).toBeVisible();
      expect(seenB.failures).toEqual([
        '401 GET /api/auth/sessions',
        '401 POST /api/auth/refresh',
      ]);
      expect(seenB.errors).toEqual([]);

      // Device A is still signed in, and alone in the list.
      await page.reload();
      await expect(rows).toHaveCount(1);
      await expect(rows.getByTestId('this-device')).toBeVisible();
      await page.getByTestId('logout').click();
      await expect(page).toHaveURL(/\/login$/);
    } finally {
      await other.close();
    }
  });
});
