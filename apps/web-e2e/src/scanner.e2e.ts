import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from '@playwright/test';
import { WEB_BASE_URL } from './env';
import { expect, test } from './fixtures';
import {
  DEMO_OWNER,
  openDoorPerformance,
  ticketToken,
} from './support/demo-ticket';
import { qrY4m } from './support/qr-y4m';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/** A phone-sized page in its own Chromium whose camera plays `video`, or the default fake camera. */
async function doorPage(
  video: string | null,
): Promise<{ browser: Browser; page: Page; problems: string[] }> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: video
      ? [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${video}`]
      : CHROMIUM_ARGS,
  });
  const context = await browser.newContext({
    baseURL: WEB_BASE_URL,
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    permissions: ['camera'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) =>
    problems.push(`page error: ${error.message}`),
  );
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error: ${message.text()}`);
  });
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO_OWNER.email);
  await page.getByLabel('Password').fill(DEMO_OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/staff/);
  return { browser, page, problems };
}

async function openDoor(page: Page, performanceId: string) {
  await page.goto('/staff/check-in');
  await expect(page.getByRole('heading', { name: 'Door' })).toBeVisible();
  await page.getByLabel('Performance at this door').selectOption(performanceId);
}

const verdict = (page: Page) => page.getByTestId('door-verdict');

test.describe('door scanner', () => {
  test.describe.configure({ timeout: 90_000 });

  test('scanner decodes a real ticket from a fake camera: VALID, confirm, then ALREADY_CHECKED_IN on the next pass', async () => {
    const performanceId = await openDoorPerformance(
      `Door camera ${randomUUID().slice(0, 8)}`,
    );
    const token = await ticketToken(performanceId, 3);
    const video = test.info().outputPath('ticket.y4m');
    writeFileSync(video, qrY4m(token));

    const { browser, page, problems } = await doorPage(video);
    try {
      await openDoor(page, performanceId);
      await expect(page.getByTestId('door-count')).toContainText('0 / 3 in');

      await expect(verdict(page)).toHaveAttribute('data-state', 'VALID', {
        timeout: 20_000,
      });
      await expect(verdict(page)).toContainText('Party of 3 people');
      await page.getByTestId('door-confirm').click();
      await expect(verdict(page)).toHaveAttribute('data-state', 'CHECKED_IN');
      await expect(verdict(page)).toContainText('Admit 3 people');
      // The live count (socket or the re-read after confirming).
      await expect(page.getByTestId('door-count')).toContainText('3 / 3 in');

      // The same QR stays in front of the camera: after the duplicate window it is read again.
      await expect(verdict(page)).toHaveAttribute(
        'data-state',
        'ALREADY_CHECKED_IN',
        { timeout: 20_000 },
      );
      await expect(verdict(page)).toContainText('First checked in at');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('scanner manual entry: a typed code is checked and admitted once; a bad code is refused', async () => {
    const performanceId = await openDoorPerformance(
      `Door manual ${randomUUID().slice(0, 8)}`,
    );
    const token = await ticketToken(performanceId, 2);

    const { browser, page, problems } = await doorPage(null);
    try {
      await openDoor(page, performanceId);
      await page.getByRole('button', { name: 'Pause camera' }).click();
      const code = page.getByLabel('Ticket code');

      await code.fill('not-a-ticket');
      await page.getByTestId('door-manual-submit').click();
      await expect(page.getByTestId('door-problem')).toHaveText(
        'That is not a Foyer ticket code.',
      );

      await code.fill('A'.repeat(43));
      await page.getByTestId('door-manual-submit').click();
      await expect(verdict(page)).toHaveAttribute(
        'data-state',
        'TOKEN_INVALID',
      );
      await expect(verdict(page)).toContainText('INVALID TICKET');

      await code.fill(`${WEB_BASE_URL}/ticket#t=${token}`);
      await page.getByTestId('door-manual-submit').click();
      await expect(verdict(page)).toHaveAttribute('data-state', 'VALID');
      await page.getByTestId('door-confirm').click();
      await expect(verdict(page)).toHaveAttribute('data-state', 'CHECKED_IN');
      await page.getByTestId('door-next').click();

      await code.fill(token);
      await page.getByTestId('door-manual-submit').click();
      await expect(verdict(page)).toHaveAttribute(
        'data-state',
        'ALREADY_CHECKED_IN',
      );
      await expect(page.getByTestId('door-count')).toContainText('2 / 2 in');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
