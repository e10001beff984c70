import { test as base, expect } from '@playwright/test';

interface CspViolation {
  id: string;
  directive: string;
  blocked: string;
  source: string;
}

declare global {
  interface Window {
    __foyerCspViolations?: CspViolation[];
    __foyerReportCspViolation?: (violation: CspViolation) => Promise<void>;
  }
}

/**
 * `page` that fails the test on any console error, uncaught page error or CSP violation.
 * An init script (run before the page's own scripts, and not subject to its CSP) records
 * `securitypolicyviolation` events on `window` and reports them to the test through an
 * exposed function, so violations in documents navigated away from are kept too.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    const violations = new Map<string, CspViolation>();

    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(
          `console error: ${message.text()} (${message.location().url})`,
        );
      }
    });
    page.on('pageerror', (error) =>
      problems.push(`page error: ${error.message}`),
    );

    await page.exposeFunction(
      '__foyerReportCspViolation',
      (violation: CspViolation) => {
        violations.set(violation.id, violation);
      },
    );
    await page.addInitScript(() => {
      window.__foyerCspViolations = [];
      let count = 0;
      const documentId = `${Date.now()}-${Math.random()}`;
      document.addEventListener('securitypolicyviolation', (event) => {
        const violation = {
          id: `${documentId}-${count++}`,
          directive: event.effectiveDirective,
          blocked: event.blockedURI || 'inline',
          source: `${event.sourceFile}:${event.lineNumber}`,
        };
        window.__foyerCspViolations?.push(violation);
        // The handler only stores the violation; should the call still reject (the page
        // is closing), that must not become a page error: the array above still has it.
        window.__foyerReportCspViolation?.(violation).catch(() => undefined);
      });
    });

    await use(page);

    if (!page.isClosed()) {
      const recorded = await page
        .evaluate(() => window.__foyerCspViolations ?? [])
        .catch((): CspViolation[] => []);
      for (const violation of recorded) violations.set(violation.id, violation);
    }
    for (const v of violations.values()) {
      problems.push(
        `CSP violation: ${v.directive} blocked ${v.blocked} at ${v.source}`,
      );
    }
    expect(problems, 'console errors, page errors or CSP violations').toEqual(
      [],
    );
  },
});

export { expect };
