import { randomUUID } from 'node:crypto';
import { API_BASE_URL } from './env';
import { expect, test } from './fixtures';

/** The demo seed's owner (demo only; see README). */
const OWNER = {
  email: 'owner@demo.foyer.localhost',
  password: 'Curtain-call-at-8pm',
};

test.use({ viewport: { width: 1280, height: 900 } });

const localInput = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

test.describe('staff editors', () => {
  test('an owner creates a room and a performance, and finds a booking in its reservation list', async ({
    page,
    request,
  }) => {
    const suffix = randomUUID().slice(0, 8);
    const roomName = `Studio ${suffix}`;
    const title = `Rehearsal ${suffix}`;

    await page.goto('/login');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/staff/);

    await page.getByTestId('nav-rooms').click();
    await expect(
      page.getByRole('heading', { name: 'Rooms', level: 1 }),
    ).toBeVisible();
    await page.getByLabel('Name').fill(roomName);
    await page.getByLabel('Capacity').fill('30');
    await page.getByRole('button', { name: 'Add room' }).click();
    await expect(page.getByTestId('rooms-status')).toHaveText(
      `${roomName} was added.`,
    );
    await expect(page.getByRole('rowheader', { name: roomName })).toBeVisible();

    await page.getByTestId('nav-performances').click();
    await page.getByTestId('new-performance').click();
    await expect(
      page.getByRole('heading', { name: 'New performance' }),
    ).toBeVisible();
    const start = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    start.setHours(19, 30, 0, 0);
    await page.getByLabel('Title').fill(title);
    await page
      .getByLabel('Room')
      .selectOption({ label: `${roomName} (30 seats)` });
    await page.getByLabel('Start').fill(localInput(start));
    // A time out of order is caught and shown under its field.
    await page
      .getByLabel('End', { exact: true })
      .fill(localInput(new Date(start.getTime() - 60 * 60 * 1000)));
    await page.getByTestId('save-performance').click();
    await expect(page.locator('#pf-endsAt-error')).toContainText(
      'must be after the start',
    );
    await page
      .getByLabel('End', { exact: true })
      .fill(localInput(new Date(start.getTime() + 2 * 60 * 60 * 1000)));
    await page.getByLabel('Booking status').selectOption('open');
    await page.getByLabel('Largest party').fill('4');
    await page.getByTestId('save-performance').click();
    await expect(page.getByTestId('performance-status')).toHaveText(
      `${title} was created.`,
    );
    await expect(page).toHaveURL(/\/staff\/performances\/[0-9a-f-]{36}$/);
    const performanceId = page.url().split('/').pop() as string;

    const email = `staff-e2e-${suffix}@example.test`;
    const booked = await request.post(
      `${API_BASE_URL}/api/public/performances/${performanceId}/reservations`,
      {
        headers: { 'Idempotency-Key': randomUUID() },
        data: { name: 'Editor Guest', email, partySize: 2 },
      },
    );
    expect(booked.status()).toBe(202);
    const { reference } = (await booked.json()) as { reference: string };

    await page.getByTestId('performance-reservations').click();
    await expect(
      page.getByRole('heading', { name: 'Reservations', level: 1 }),
    ).toBeVisible();
    await page.getByLabel('Name, email or reference').fill(email);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByTestId(`reservation-row-${reference}`);
    await expect(row).toContainText('Editor Guest');
    await expect(row).toContainText('pending');

    await row.getByRole('button', { name: /^Cancel/ }).click();
    await row.getByRole('button', { name: 'Yes, cancel booking' }).click();
    await expect(page.getByTestId('reservations-status')).toContainText(
      `Booking ${reference} is cancelled`,
    );
    await expect(row).toContainText('cancelled');
  });
});
