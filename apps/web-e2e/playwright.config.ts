import { defineConfig } from '@playwright/test';

// Servers are started by the test orchestrator (`npm test`), never by Playwright:
// the built SPA behind tools/scripts/serve-web.mjs and the API (with this origin on its
// CORS_ALLOWLIST).
const webBaseUrl = process.env['WEB_BASE_URL'] ?? 'http://127.0.0.1:4200';

export default defineConfig({
  testDir: './src',
  // *.e2e.ts keeps these out of every jest `test` target.
  testMatch: '**/*.e2e.ts',
  outputDir: '../../dist/.playwright/apps/web-e2e/test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: webBaseUrl,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright's own browsers are never downloaded here.
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
