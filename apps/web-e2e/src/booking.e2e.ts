import type { Page, Response } from '@playwright/test';
import { API_BASE_URL } from './env';
import { expect, test } from './fixtures';

const MAIL = (process.env['MAIL_WEB_URL'] ?? 'http://127.0.0.1:1080').replace(
  /\/+$/,
  '',
);

interface Mail {
  subject: string;
  text?: string;
  to?: { address: string }[];
}

/** The worker sends after commit; poll the mail catcher until the message is there. */
async function mailFor(address: string, subject: RegExp): Promise<Mail> {
  const until = Date.now() + 20_000;
  for (;;) {
    const mails = (await (await fetch(`${MAIL}/api/email`)).json()) as Mail[];
    const found = mails.find(
      (m) =>
        subject.test(m.subject) && m.to?.some((to) => to.address === address),
    );
    if (found) return found;
    if (Date.now() > until)
      throw new Error(`no mail "${subject}" for ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The path and fragment of an emailed link, e.g. `/confirm#t=…`, opened on the SPA under test. */
function linkIn(
  mail: Mail,
  page: 'confirm' | 'ticket' | 'cancel',
): { path: string; token: string } {
  const match = new RegExp(`https?://[^\\s/]+/${page}#t=([A-Za-z0-9_-]+)`).exec(
    mail.text ?? '',
  );
  expect(match, `a /${page}#t=… link in "${mail.subject}"`).not.toBeNull();
  const token = (match as RegExpExecArray)[1];
  return { path: `/${page}#t=${token}`, token };
}

/** Staff component selectors: none may reach a visitor's browser. */
const STAFF_CODE =
  /foyer-(staff-shell|staff-landing|users-page|audit-page|login-page|rooms-page|performances-page|performance-editor|reservations-page|change-password-page)/;

/** Records every request URL and every script the page loads. */
function watch(page: Page) {
  const urls: string[] = [];
  const scripts: Promise<{ url: string; body: string }>[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('response', (response: Response) => {
    if (response.request().resourceType() === 'script') {
      scripts.push(
        response.text().then((body) => ({ url: response.url(), body })),
      );
    }
  });
  return { urls, scripts: () => Promise.all(scripts) };
}

test.describe('public booking site', () => {
  test('booking: book on the venue page, confirm by email, open the ticket QR, cancel', async ({
    page,
  }) => {
    const seen = watch(page);
    const venue = (await (
      await fetch(`${API_BASE_URL}/api/public/venues/demo`)
    ).json()) as { name: string };
    const email = `web-visitor-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;

    await page.goto('/v/demo');
    await expect(
      page.getByRole('heading', { level: 1, name: venue.name }),
    ).toBeVisible();
    await expect(page.getByTestId('venue-status')).toHaveText(
      /\d+ upcoming performances?\./,
    );
    const book = page.getByRole('link', { name: /^Book / }).first();
    await book.click();

    await expect(page).toHaveURL(/\/v\/demo\/p\/[0-9a-f-]{36}$/);
    await expect(
      page.getByRole('heading', { level: 1, name: /^Book / }),
    ).toBeFocused();
    await page.getByLabel('Name').fill('Web Visitor');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Seats').fill('2');
    await page
      .getByRole('button', { name: 'Book and send me the link' })
      .click();

    await expect(
      page.getByRole('heading', { level: 1, name: 'Check your email' }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/v\/demo\/booked$/);
    expect(page.url()).not.toContain(encodeURIComponent(email));
    const reference =
      (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const confirm = linkIn(
      await mailFor(email, /^Confirm your booking/),
      'confirm',
    );
    await page.goto(confirm.path);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Booking confirmed' }),
    ).toBeVisible();
    await expect(page.getByTestId('confirm-reference')).toHaveText(reference);
    expect(
      new URL(page.url()).hash,
      'the token is cleared from the address bar',
    ).toBe('');

    const ticketMail = await mailFor(email, /^Your ticket/);
    const ticket = linkIn(ticketMail, 'ticket');
    await page.goto(ticket.path);
    const qr = page.getByRole('img', {
      name: `QR code of ticket ${reference}`,
    });
    await expect(qr).toBeVisible();
    expect(
      await qr.evaluate(
        (img: HTMLImageElement) => img.complete && img.naturalWidth > 0,
      ),
    ).toBe(true);
    expect((await qr.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(240);
    await expect(page.getByTestId('ticket-reference')).toHaveText(reference);
    await expect(
      page.getByRole('link', { name: 'Add to calendar' }),
    ).toHaveAttribute('href', /^data:text\/calendar;/);
    expect(new URL(page.url()).hash).toBe('');

    const cancel = linkIn(ticketMail, 'cancel');
    await page.goto(cancel.path);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Cancel your booking' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Yes, cancel my booking' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Booking cancelled' }),
    ).toBeFocused();
    await expect(page.getByTestId('cancel-reference')).toHaveText(reference);

    // Tokens travel only in request bodies, and no staff code was downloaded on the way.
    for (const token of [confirm.token, ticket.token, cancel.token]) {
      expect(seen.urls.filter((url) => url.includes(token))).toEqual([]);
    }
    const scripts = await seen.scripts();
    expect(scripts.length).toBeGreaterThan(0);
    expect(
      scripts
        .filter((script) => STAFF_CODE.test(script.body))
        .map((script) => script.url),
    ).toEqual([]);
  });

  test('booking form: invalid input is explained per field and nothing is sent', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto('/v/demo');
    await page
      .getByRole('link', { name: /^Book / })
      .first()
      .click();
    await page.getByLabel('Email').fill('ada@example');
    await page.getByLabel('Seats').fill('0');
    await page.getByLabel('Phone (optional)').fill('call me');
    await page
      .getByRole('button', { name: 'Book and send me the link' })
      .click();

    await expect(page.getByTestId('booking-error')).toHaveText(
      'Check the 4 fields marked below.',
    );
    await expect(page.getByLabel('Name')).toBeFocused();
    await expect(page.getByLabel('Name')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page.getByLabel('Name')).toHaveAccessibleDescription(
      'Enter your name.',
    );
    await expect(page.getByLabel('Email')).toHaveAccessibleDescription(
      /name@example\.com/,
    );
    await expect(page.getByLabel('Seats')).toHaveAccessibleDescription(
      /Choose between 1 and \d+ seats\./,
    );
    await expect(page.getByLabel('Phone (optional)')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(seen.urls.filter((url) => url.includes('/reservations'))).toEqual(
      [],
    );
  });

  test('booking links with a missing or malformed token say so without calling the API', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto('/confirm#t=not-a-token');
    await expect(page.getByTestId('confirm-outcome')).toHaveAttribute(
      'data-outcome',
      'invalid',
    );
    await page.goto('/ticket');
    await expect(page.getByTestId('ticket-outcome')).toHaveAttribute(
      'data-outcome',
      'invalid',
    );
    await page.goto('/cancel');
    await expect(page.getByTestId('cancel-outcome')).toHaveAttribute(
      'data-outcome',
      'invalid',
    );
    expect(seen.urls.filter((url) => url.includes('/api/public/'))).toEqual([]);
  });
});
