import { randomUUID } from 'node:crypto';
import { test as plain, type Page } from '@playwright/test';
import { API_BASE_URL } from './env';
import { expect, test } from './fixtures';

/** The demo seed's owner (demo only; see README). */
const OWNER = {
  email: 'owner@demo.foyer.localhost',
  password: 'Curtain-call-at-8pm',
};

async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const res = await fetch(`${API_BASE_URL}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(path.startsWith('/api/auth/') ? { 'X-Auth-Mode': 'bearer' } : {}),
      ...(method !== 'GET' ? { 'Idempotency-Key': randomUUID() } : {}),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) {
    throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as T;
}

/** A fresh table of the demo venue (its own cart and sitting) and a dish from the demo menu. */
async function tableAndDish(label: string) {
  const { accessToken } = await api<{ accessToken: string }>(
    '/api/auth/login',
    { method: 'POST', body: OWNER },
  );
  const table = await api<{ id: string; code: string; label: string }>(
    '/api/staff/tables',
    { method: 'POST', token: accessToken, body: { label } },
  );
  const menu = await api<{
    categories: { items: { id: string; name: string }[] }[];
  }>('/api/public/venues/demo/menu');
  const dish = menu.categories.flatMap((c) => c.items)[0];
  expect(dish, 'the demo menu has an available item').toBeTruthy();
  return { table, dish };
}

/** Fails the test on console or page errors of a page outside the `page` fixture. */
function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

test.describe('ordering', () => {
  test('a diner orders from /t/<code>; the staff board shows it live; staff advance it; the diner sees the new status without reloading', async ({
    page,
    browser,
  }) => {
    const label = `E2E ${randomUUID().slice(0, 6)}`;
    const { table, dish } = await tableAndDish(label);

    // Staff: signed in, the board open before the order exists.
    const staffContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const staff = await staffContext.newPage();
    const staffProblems = watchErrors(staff);
    await staff.goto('/login');
    await staff.getByLabel('Email').fill(OWNER.email);
    await staff.getByLabel('Password').fill(OWNER.password);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await expect(staff).toHaveURL(/\/staff/);
    await staff.getByTestId('nav-orders').click();
    await expect(
      staff.getByRole('heading', { name: 'Orders', level: 1 }),
    ).toBeVisible();
    await expect(staff.getByTestId('board-live')).toHaveText('Live');

    // Diner: a phone, no sign-in, nothing personal asked.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/t/${table.code}`);
    await expect(page.getByTestId('table-heading')).toHaveText(label);
    await expect(
      page.getByText('Demo', { exact: false }).first(),
    ).toBeVisible();
    await expect(
      page.locator('input[type="email"], input[type="tel"]'),
    ).toHaveCount(0);
    await page
      .getByRole('button', { name: `One more ${dish.name}`, exact: true })
      .click();
    await page
      .getByRole('button', { name: `One more ${dish.name}`, exact: true })
      .click();
    const cart = page.getByTestId('cart');
    await expect(cart.getByText(`2 × ${dish.name}`)).toBeVisible();
    await page.getByTestId('place-order').click();
    await expect(page.getByTestId('diner-message')).toContainText(
      'Your order was sent',
    );
    const dinerOrder = page.getByTestId('table-order').first();
    await expect(dinerOrder.getByTestId('order-status')).toHaveText(
      'Received — waiting for staff',
    );
    await expect(cart.getByText('Nothing yet')).toBeVisible();

    // Staff see it arrive without reloading, announced, in the New column.
    const card = staff
      .getByTestId('column-received')
      .getByTestId('board-order')
      .filter({ hasText: label });
    await expect(card).toBeVisible();
    await expect(card).toContainText(`2 × ${dish.name}`);
    await expect(staff.getByTestId('board-status')).toHaveText(
      `New order from ${label}.`,
    );

    // One tap moves it on; the diner's page follows live.
    await card.getByTestId('advance-order').click();
    await expect(
      staff
        .getByTestId('column-accepted')
        .getByTestId('board-order')
        .filter({ hasText: label }),
    ).toBeVisible();
    await expect(dinerOrder.getByTestId('order-status')).toHaveText('Accepted');
    await expect(card).toHaveCount(0);

    await staff
      .getByTestId('column-accepted')
      .getByTestId('board-order')
      .filter({ hasText: label })
      .getByTestId('advance-order')
      .click();
    await expect(dinerOrder.getByTestId('order-status')).toHaveText(
      'Being prepared',
    );

    await staffContext.close();
    expect(staffProblems, 'staff page console or page errors').toEqual([]);
  });

  test('the diner page is an installable PWA whose service worker keeps the menu', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const { table } = await tableAndDish(`PWA ${randomUUID().slice(0, 6)}`);
    await page.goto(`/t/${table.code}`);
    await expect(page.getByTestId('menu-item').first()).toBeVisible();
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>(
        'link[rel="manifest"]',
      );
      return link
        ? ((await (await fetch(link.href)).json()) as { display: string })
        : null;
    });
    expect(manifest?.display).toBe('standalone');
    // Registered once the app is stable (production builds only).
    await expect
      .poll(
        () =>
          page.evaluate(async () =>
            Boolean((await navigator.serviceWorker.getRegistration())?.active),
          ),
        { timeout: 40_000 },
      )
      .toBe(true);
    // Once it controls the page, the menu request goes through its freshness cache.
    await page.reload();
    await expect(page.getByTestId('menu-item').first()).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(async () => {
          for (const name of await caches.keys()) {
            if (!name.includes('public-menu')) continue;
            const cache = await caches.open(name);
            if ((await cache.keys()).some((r) => r.url.includes('/menu')))
              return true;
          }
          return false;
        }),
      )
      .toBe(true);
  });

  // Without the console-error fixture: the API's 404 to the session call is logged by the
  // browser as a failed resource load, which is the point of this test.
  plain(
    'an unknown table code asks the diner to get a new QR code from staff',
    async ({ page }) => {
      await page.goto(`/t/${'x'.repeat(43)}`);
      await expect(page.getByTestId('table-heading')).toHaveText(
        'This table code does not work',
      );
      await expect(page.getByTestId('diner-failure')).toContainText(
        'ask a member of staff for a new QR code',
      );
    },
  );
});
