import { API_BASE_URL } from './env';
import { expect, test } from './fixtures';

/** Directive name -> source list, for one serialized policy. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

const AUTO_CSP_META =
  /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/i;

test.describe('web shell', () => {
  test('home page loads with title "Foyer" and shows "API ready"', async ({
    page,
    request,
  }) => {
    const health = await request.get(`${API_BASE_URL}/health/ready`);
    expect(
      health.status(),
      `API at ${API_BASE_URL} must be ready before the web e2e run`,
    ).toBe(200);

    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Foyer');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Foyer' }),
    ).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();

    const status = page.locator('[aria-live="polite"]');
    await expect(status).toHaveText('API ready');
  });

  test('"/" carries a strict CSP header and the other security headers', async ({
    request,
  }) => {
    const response = await request.get('/');
    expect(response.status()).toBe(200);
    const headers = response.headers();

    const csp = headers['content-security-policy'];
    expect(csp).toBeTruthy();
    const policy = parsePolicy(csp);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    for (const directive of [
      'script-src',
      'script-src-elem',
      'script-src-attr',
      'default-src',
    ]) {
      expect(policy.get(directive) ?? [], directive).not.toContain(
        "'unsafe-inline'",
      );
      expect(policy.get(directive) ?? [], directive).not.toContain(
        "'unsafe-eval'",
      );
    }
    expect(policy.get('connect-src')).toContain(new URL(API_BASE_URL).origin);

    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
  });

  test('index.html contains the autoCsp meta policy, matched by the header hashes', async ({
    request,
  }) => {
    const response = await request.get('/');
    const html = await response.text();

    const meta = html.match(AUTO_CSP_META);
    expect(
      meta,
      'autoCsp <meta http-equiv="Content-Security-Policy">',
    ).not.toBeNull();
    const metaScriptSrc = parsePolicy(meta?.[1] ?? '').get('script-src') ?? [];
    expect(metaScriptSrc).toContain("'strict-dynamic'");
    const hashes = metaScriptSrc.filter((source) =>
      /^'sha(256|384|512)-/.test(source),
    );
    expect(hashes.length).toBeGreaterThan(0);

    // Both policies are enforced, so every inline script autoCsp hashed must pass the header too.
    const headerScriptSrc =
      parsePolicy(response.headers()['content-security-policy']).get(
        'script-src',
      ) ?? [];
    for (const hash of hashes) expect(headerScriptSrc).toContain(hash);

    expect(html, 'no inline event handlers').not.toMatch(
      /<[^>]+\son[a-z]+\s*=/i,
    );
  });

  test('an unknown SPA route still serves the app', async ({
    page,
    request,
  }) => {
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain(
      "frame-ancestors 'none'",
    );
    await expect(page).toHaveTitle('Foyer');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Foyer' }),
    ).toBeVisible();

    const missingAsset = await request.get('/no-such-chunk-ABCDEFGH.js');
    expect(missingAsset.status()).toBe(404);
  });

  test('/config.json points at the API and is not cacheable', async ({
    request,
  }) => {
    const response = await request.get('/config.json');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/json/);
    expect(response.headers()['cache-control']).toContain('no-store');
    expect(await response.json()).toEqual({ apiBaseUrl: API_BASE_URL });
  });
});
