import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The demo seed's staff logins (demo only; see README). */
const DEMO_PASSWORD = 'Curtain-call-at-8pm';

test.use({ viewport: { width: 1280, height: 800 } });

async function signIn(page: Page, role: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(`${role}@demo.foyer.localhost`);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/staff/);
}

test.describe('staff sign-in', () => {
  test('an owner signs in, sees the shell with admin navigation, reads the audit trail and signs out', async ({
    page,
  }) => {
    await signIn(page, 'owner');
    const staff = page.getByTestId('nav-staff');
    const audit = page.getByTestId('nav-audit');
    await expect(staff).toBeVisible();
    await expect(audit).toBeVisible();

    await audit.click();
    await expect(
      page.getByRole('heading', { name: 'Audit trail' }),
    ).toBeVisible();
    await expect(page.getByText('auth.login_succeeded').first()).toBeVisible();

    await staff.click();
    await expect(
      page.getByRole('heading', { name: 'Staff', exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText('viewer@demo.foyer.localhost').first(),
    ).toBeVisible();

    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/login|\/$/);
  });

  test('a viewer does not see admin navigation', async ({ page }) => {
    await signIn(page, 'viewer');
    await expect(page.getByRole('navigation').first()).toBeVisible();
    await expect(page.getByTestId('nav-staff')).toHaveCount(0);
    await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  });
});
