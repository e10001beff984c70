// @ts-check
// Lighthouse (mobile preset, the default config) with Debian's Chromium, one fresh browser
// per run. argv[2]: {pages: [{name, url}], chromePath, runs}
// Prints {pages: [{name, url, performance, accessibility, metrics, scripts, opportunities}]},
// each page the median run by performance score.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/**
 * @typedef {{ name: string, url: string }} Page
 * @typedef {{ pages: Page[], chromePath: string, runs?: number }} Args
 * @typedef {{ pages: typeof results }} Result
 */

/** @type {Args} */
const { pages, chromePath, runs = 1 } = JSON.parse(process.argv[2]);
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'interactive',
];

/**
 * A row of the network-requests audit's table (Lighthouse types table rows loosely).
 * @typedef {{ url: string, resourceType?: string, transferSize?: number, networkRequestTime?: number, networkEndTime?: number, startTime?: number, endTime?: number }} NetworkRow
 */

/** One Lighthouse run on a fresh browser: the scores, or the error Lighthouse reports. */
async function audit(/** @type {string} */ url) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
    ],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    // Lighthouse answers nothing only in gather mode (-G), never asked for here.
    if (!result) throw new Error(`lighthouse returned no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) {
      return { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
    }
    const details = lhr.audits['network-requests']?.details;
    const requests = /** @type {NetworkRow[]} */ (
      details && 'items' in details ? details.items : []
    );
    return {
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      accessibility: Math.round(
        (lhr.categories.accessibility.score ?? 0) * 100,
      ),
      metrics: Object.fromEntries(
        METRICS.map((id) => [id, lhr.audits[id]?.displayValue ?? null]),
      ),
      scripts: requests
        .filter((item) => item.resourceType === 'Script')
        .map((item) => ({
          url: new URL(item.url).pathname,
          transferBytes: item.transferSize,
        })),
      // Every request of the page with its (observed, unthrottled) start and end in ms.
      requests: requests.map((item) => ({
        url: item.url.startsWith('data:')
          ? 'data:'
          : new URL(item.url).pathname,
        type: item.resourceType,
        start: Math.round(item.networkRequestTime ?? item.startTime ?? 0),
        end: Math.round(item.networkEndTime ?? item.endTime ?? 0),
        transferBytes: item.transferSize,
      })),
      opportunities: Object.values(lhr.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 0.9 &&
            (a.details?.type === 'opportunity' || a.metricSavings),
        )
        .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`)
        .slice(0, 8),
      failedAccessibility: lhr.categories.accessibility.auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter(
          (a) =>
            a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary',
        )
        .map((a) => a.id),
    };
  } finally {
    chrome.kill(); // synchronous in chrome-launcher 1.x
  }
}

/** @typedef {Exclude<Awaited<ReturnType<typeof audit>>, { error: string }>} Scores a run that succeeded */

/** @type {(Page & Scores & { runs: number[], errors: string[] })[]} each page's median run */
const results = [];
for (const page of pages) {
  /** @type {Scores[]} */
  const attempts = [];
  /** @type {string[]} */
  const errors = [];
  // A run Lighthouse itself reports as failed is retried (at most twice), never scored 0.
  for (let i = 0; i < runs + 2 && attempts.length < runs; i += 1) {
    const run = await audit(page.url);
    if (run.error !== undefined) errors.push(run.error);
    else attempts.push(run);
  }
  if (attempts.length === 0) {
    throw new Error(`lighthouse failed on ${page.url}: ${errors.join('; ')}`);
  }
  attempts.sort((a, b) => a.performance - b.performance);
  results.push({
    ...page,
    ...attempts[Math.floor(attempts.length / 2)],
    runs: attempts.map((a) => a.performance),
    errors,
  });
}
process.stdout.write(`${JSON.stringify({ pages: results })}\n`);
