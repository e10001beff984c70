// @ts-check
// Public site: what a visitor downloads and how fast the booking pages load.
// 1. Bundle: the JS graph of the production build, from index.html's module scripts through
//    static imports (initial), plus the public booking pages' lazy chunks; gzip sizes;
//    no staff component (selectors of the staff libraries) anywhere in it.
// 2. Lighthouse (mobile preset, Debian Chromium) on the venue, booking and ticket pages,
//    served like production (compressed, immutable hashed assets) by serve-web.mjs.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { root } from '../../scripts/lib.mjs';
import { load } from '../harness.mjs';

const DIST = join(root, 'dist/apps/web/browser');
// What the shell's lazy imports of the booking site resolve to: the route tables when they
// are lazy, else the pages themselves (the shell holds the route tables; each page is a chunk).
const PUBLIC_ROUTES = [
  'venueRoutes',
  'confirmRoutes',
  'ticketRoutes',
  'cancelRoutes',
  'VenuePage',
  'BookingPage',
  'BookingSentPage',
  'ConfirmPage',
  'TicketPage',
  'CancelPage',
];
const STAFF_LIBS = [
  'libs/web/dashboard',
  'libs/web/check-in',
  'libs/web/orders',
];
const BUDGET_KIB = 150;

const read = (/** @type {string} */ file) =>
  readFileSync(join(DIST, file), 'utf8');
const staticImports = (/** @type {string} */ code) =>
  [
    ...code.matchAll(
      /\bimport\s*(?:[\w$*{},\s]+from\s*)?["']\.\/([^"']+\.js)["']/g,
    ),
  ].map((m) => m[1]);
const dynamicImports = (/** @type {string} */ code) =>
  [...code.matchAll(/\bimport\(\s*["']\.\/([^"']+\.js)["']\s*\)/g)].map(
    (m) => m[1],
  );

/**
 * Every file reachable from `starts` by `follow` (the files a file's code names).
 * @param {string[]} starts
 * @param {(code: string) => string[]} follow
 * @returns {Set<string>}
 */
function closure(starts, follow) {
  /** @type {Set<string>} */
  const seen = new Set();
  const queue = [...starts];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...follow(read(file)));
  }
  return seen;
}

/** Component selectors declared in the .ts sources under `dir` (specs left out). */
function sourceSelectors(/** @type {string} */ dir) {
  /** @type {string[]} */
  const selectors = [];
  const walk = (/** @type {string} */ path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(
          /selector:\s*'([a-z][\w-]*)'/g,
        ))
          selectors.push(m[1]);
      }
    }
  };
  walk(join(root, dir));
  return selectors;
}

export function analyseBundle() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/\[\s*'([^']+\.js)'\s*,\s*'module'/g)].map(
      (m) => m[1],
    ),
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map(
      (m) => m[1],
    ),
    ...[...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map(
      (m) => m[1],
    ),
  ];
  const initial = closure(entries, staticImports);
  /** @type {Set<string>} */
  const routeChunks = new Set();
  for (const file of initial) {
    for (const m of read(file).matchAll(
      /import\(\s*["']\.\/([^"']+\.js)["']\s*\)\.then\(\s*\(?(\w+)\)?\s*=>\s*\2\.(\w+)\)/g,
    )) {
      if (PUBLIC_ROUTES.includes(m[3])) routeChunks.add(m[1]);
    }
  }
  // The public route chunk, its lazy pages and their static imports (an upper bound for any one page).
  const pages = closure([...routeChunks], (code) => [
    ...staticImports(code),
    ...dynamicImports(code),
  ]);
  const bundle = new Set([...initial, ...pages]);
  const gz = (/** @type {Iterable<string>} */ files) =>
    [...files].reduce(
      (sum, file) =>
        sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length,
      0,
    ) / 1024;
  const selectors = STAFF_LIBS.flatMap(sourceSelectors);
  const marker = (/** @type {string} */ selector) => `"${selector}"`;
  const staffInBundle = selectors.filter((selector) =>
    [...bundle].some((file) => read(file).includes(marker(selector))),
  );
  const allJs = readdirSync(DIST).filter((file) => file.endsWith('.js'));
  const staffInBuild = selectors.filter((selector) =>
    allJs.some((file) => read(file).includes(marker(selector))),
  );
  return {
    entries,
    initialFiles: initial.size,
    initialKiB: gz(initial),
    routeChunks: [...routeChunks],
    bundleFiles: bundle.size,
    bundleKiB: gz(bundle),
    staffSelectors: selectors.length,
    staffSelectorsFoundInBuild: staffInBuild.length,
    staffInBundle,
  };
}

/**
 * A confirmed reservation with a check-in token (for /ticket#t=…), stored as the API stores it.
 * @param {import('../lib/types.mjs').Stack} ctx
 * @param {string} performanceId
 * @returns {Promise<string>} the raw token
 */
async function seedTicket(ctx, performanceId) {
  const client = new pg.Client({ connectionString: ctx.ownerUrl });
  await client.connect();
  try {
    const [{ id: tenantId }] = (
      await client.query(`SELECT id FROM tenant WHERE slug = 'demo'`)
    ).rows;
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    await client.query(
      `INSERT INTO reservation (id, tenant_id, performance_id, reference, name, email, party_size, status, confirmed_at)
       VALUES ($1, $2, $3, 'BNCH-TKT1', 'Bench guest', 'ticket@bench.localhost', 2, 'confirmed', now())`,
      [id, tenantId, performanceId],
    );
    await client.query(
      `INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose) VALUES ($1, $2, $3, 'checkin')`,
      [
        createHmac('sha256', ctx.env.TOKEN_HASH_KEY)
          .update(`reservation:checkin\n${token}`)
          .digest(),
        tenantId,
        id,
      ],
    );
    return token;
  } finally {
    await client.end();
  }
}

export default /** @satisfies {import('../lib/types.mjs').Scenario} */ ({
  name: 'public-site',
  title: 'Public booking site: bundle budget and Lighthouse (mobile)',
  target: `initial JS of the public booking routes ≤ ${BUDGET_KIB} KiB gzip, no staff code; Lighthouse performance ≥ 95 and accessibility ≥ 95 on venue, booking, ticket`,
  stack: { apiInstances: 1, worker: false, web: true },
  async run(ctx, { smoke }) {
    const bundle = analyseBundle();
    const bundleOk =
      bundle.staffInBundle.length === 0 &&
      bundle.staffSelectorsFoundInBuild > 0 &&
      bundle.routeChunks.length > 0;
    /** @type {import('../lib/types.mjs').Row[]} */
    const rows = [
      { metric: 'initial JS (gzip)', value: bundle.initialKiB, unit: 'KiB' },
      {
        metric: 'initial + public pages JS (gzip)',
        value: bundle.bundleKiB,
        unit: 'KiB',
        target: `≤ ${BUDGET_KIB}`,
        pass: bundle.bundleKiB <= BUDGET_KIB,
      },
      {
        metric: 'staff components in that bundle',
        value: `${bundle.staffInBundle.length} of ${bundle.staffSelectors}`,
        unit: '',
        target: '0',
        pass: bundle.staffInBundle.length === 0,
      },
    ];
    /** @type {{ bundle: typeof bundle, lighthouse?: import('../load/lighthouse.mjs').Result['pages'] }} */
    const summary = { bundle };
    if (!smoke) {
      const res = await fetch(
        `${ctx.apiUrls[0]}/api/public/venues/demo/performances`,
      );
      /** @typedef {{ id: string, bookingStatus: string }} Performance */
      const performances =
        /** @type {Performance[] | { items?: Performance[] }} */ (
          await res.json()
        );
      const list = Array.isArray(performances)
        ? performances
        : (performances.items ?? []);
      const open = list.find((p) => p.bookingStatus === 'open') ?? list[0];
      if (!open) throw new Error('the demo venue has no performance');
      const ticket = await seedTicket(ctx, open.id);
      const { pages } = await load('lighthouse', {
        chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        runs: Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3),
        pages: [
          { name: 'venue', url: `${ctx.webUrl}/v/demo` },
          { name: 'booking', url: `${ctx.webUrl}/v/demo/p/${open.id}` },
          { name: 'ticket', url: `${ctx.webUrl}/ticket#t=${ticket}` },
        ],
      });
      for (const page of pages) {
        rows.push({
          metric: `Lighthouse ${page.name} performance`,
          value: page.performance,
          unit: '/100',
          target: '≥ 95',
          pass: page.performance >= 95,
        });
        rows.push({
          metric: `Lighthouse ${page.name} accessibility`,
          value: page.accessibility,
          unit: '/100',
          target: '≥ 95',
          pass: page.accessibility >= 95,
        });
        rows.push({
          metric: `  ${page.name} FCP / LCP / TBT`,
          value: `${page.metrics['first-contentful-paint']} / ${page.metrics['largest-contentful-paint']} / ${page.metrics['total-blocking-time']}`,
          unit: '',
        });
      }
      summary.lighthouse = pages;
    }
    return { rows, summary, pass: bundleOk };
  },
});
