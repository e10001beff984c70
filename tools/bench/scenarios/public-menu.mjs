// @ts-check
// Public menu: 100 keep-alive connections for 15 s against GET /api/public/venues/demo/menu
// (60 available items), every second request with If-None-Match. Baseline in the same run:
// a bare node:http server answering with the same precomputed bytes and the same ETag logic.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, ratio } from '../harness.mjs';
import { loadavg, seedMenuItems, startChild } from '../lib/venue.mjs';

const PATH = '/api/public/venues/demo/menu';
const ITEMS = 60;

/** Every answer right and the measured requests all accounted for as 200 or 304. */
const correct = (/** @type {import('../load/public-menu.mjs').Result} */ r) =>
  r.violations.count === 0 &&
  r.errors === 0 &&
  r.timeouts === 0 &&
  r.ok200 + r.ok304 === r.requests &&
  r.requests > 0;

export default /** @satisfies {import('../lib/types.mjs').Scenario} */ ({
  name: 'public-menu',
  title: 'Public menu: 100 connections, half with If-None-Match',
  target:
    'correct 200/304 and a stable ETag; p99 < 25 ms; ≥ 0.5 × bare node:http requests/s',
  stack: { apiInstances: 1, worker: false },
  async run(ctx, { smoke }) {
    const [apiUrl] = ctx.apiUrls;
    const items = await seedMenuItems(ctx, ITEMS);
    const first = await fetch(`${apiUrl}${PATH}`);
    const document = await first.text();
    const etag = first.headers.get('etag');
    // The baseline serves the same bytes under this ETag: without one it could not start.
    if (!etag) throw new Error(`GET ${PATH}: ${first.status} without an ETag`);
    /** @type {{ categories: { items: unknown[] }[] }} */
    const menu = JSON.parse(document);
    const served = menu.categories.reduce((sum, c) => sum + c.items.length, 0);

    const documentFile = join(tmpdir(), `foyer-bench-menu-${process.pid}.json`);
    writeFileSync(documentFile, document);
    const origin = await startChild('menu-origin', { documentFile, etag });
    const options = smoke
      ? { connections: 10, durationSec: 2, warmupSec: 1 }
      : { connections: 100, durationSec: 15, warmupSec: 3 };
    const loadBefore = loadavg();
    let api;
    let base;
    try {
      api = await load('public-menu', {
        url: apiUrl,
        path: PATH,
        etag,
        ...options,
      });
      base = await load('public-menu', {
        url: `http://127.0.0.1:${origin.port}`,
        path: PATH,
        etag,
        ...options,
      });
    } finally {
      await origin.stop();
    }
    const share = ratio(api.requestsPerSec, base.requestsPerSec);
    const pass =
      items === ITEMS &&
      served === ITEMS &&
      correct(api) &&
      correct(base) &&
      api.etag === etag;
    return {
      rows: [
        {
          metric: 'menu items served',
          value: served,
          unit: '',
          target: String(ITEMS),
          pass: served === ITEMS,
        },
        { metric: 'API requests/s', value: api.requestsPerSec, unit: 'req/s' },
        {
          metric: 'baseline requests/s (node:http)',
          value: base.requestsPerSec,
          unit: 'req/s',
        },
        {
          metric: 'ratio API / baseline',
          value: share,
          unit: '×',
          target: '≥ 0.5',
          pass: share >= 0.5,
        },
        {
          metric: 'API p99',
          value: api.latencyMs.p99,
          unit: 'ms',
          target: '< 25',
          pass: api.latencyMs.p99 < 25,
        },
        { metric: 'API p50', value: api.latencyMs.p50, unit: 'ms' },
        { metric: 'baseline p99', value: base.latencyMs.p99, unit: 'ms' },
        {
          metric: 'API 200 / 304 (all correct)',
          value: `${api.ok200} / ${api.ok304}`,
          unit: '',
        },
        {
          metric: 'violations (API + baseline)',
          value: api.violations.count + base.violations.count,
          unit: '',
        },
      ],
      summary: {
        connections: options.connections,
        durationSec: options.durationSec,
        items: served,
        documentBytes: document.length,
        etag,
        api,
        baseline: base,
        ratio: share,
        loadavg: { before: loadBefore, after: loadavg() },
      },
      pass,
    };
  },
});
