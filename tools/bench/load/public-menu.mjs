// @ts-check
// Load for the public-menu scenario: `connections` keep-alive connections for `durationSec`,
// each alternating a plain GET and a GET with If-None-Match (the current ETag), so exactly
// half of the requests are conditional. Every response is checked: plain → 200 with the
// same bytes and ETag as the first fetch, conditional → 304 with the same ETag, no body.
// Args: {url, path, connections, durationSec, warmupSec, etag}
import autocannon from 'autocannon';
import {
  Violations,
  finish,
  headerOf,
  readArgs,
  summarize,
} from './load-kit.mjs';

/**
 * @typedef {{ url: string, path?: string, connections?: number, durationSec?: number, warmupSec?: number, etag?: string | null }} Args
 * @typedef {typeof summary} Result
 */

/** @type {Args} */
const {
  url,
  path = '/api/public/venues/demo/menu',
  connections = 100,
  durationSec = 15,
  warmupSec = 2,
  etag: expectedEtag,
} = readArgs();

const first = await fetch(new URL(path, url));
const document = await first.text();
const etag = first.headers.get('etag');
const violations = new Violations();
if (first.status !== 200 || !etag) {
  violations.add({ kind: 'first', status: first.status });
}
if (expectedEtag && etag !== expectedEtag) {
  violations.add({ kind: 'etag-changed-before-run', etag, expectedEtag });
}

const counts = { ok200: 0, ok304: 0 };
/** @type {import('autocannon').RequestTemplate} */
const plain = {
  method: 'GET',
  path,
  onResponse(status, body, _context, headers) {
    if (
      status === 200 &&
      headerOf(headers, 'etag') === etag &&
      body === document
    ) {
      counts.ok200 += 1;
    } else {
      violations.add({
        kind: 'plain',
        status,
        etagStable: headerOf(headers, 'etag') === etag,
      });
    }
  },
};
/** @type {import('autocannon').RequestTemplate} */
const conditional = {
  method: 'GET',
  path,
  // etag is null only when the first fetch already failed (a violation).
  headers: { 'if-none-match': String(etag) },
  onResponse(status, body, _context, headers) {
    if (status === 304 && headerOf(headers, 'etag') === etag && body === '') {
      counts.ok304 += 1;
    } else {
      violations.add({
        kind: 'conditional',
        status,
        etagStable: headerOf(headers, 'etag') === etag,
      });
    }
  },
};

/**
 * One autocannon run over both requests; records each response time into `latencies` if given.
 * @param {number} duration seconds
 * @param {number[]} [latencies]
 * @returns {Promise<import('autocannon').Result>}
 */
function cannon(duration, latencies) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        requests: [plain, conditional],
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (latencies) {
      instance.on('response', (_client, _status, _bytes, responseTime) =>
        latencies.push(responseTime),
      );
    }
  });
}

// A short warm-up (JIT, pools, connection setup) is checked but not measured.
if (warmupSec > 0) {
  await cannon(warmupSec);
}
const measured = { ...counts };
/** @type {number[]} */
const latencies = [];
const result = await cannon(durationSec, latencies);
const requests = result.requests.total;
const last = await fetch(new URL(path, url));
await last.arrayBuffer();
if (last.headers.get('etag') !== etag) {
  violations.add({ kind: 'etag-changed-after-run' });
}

const summary = {
  requests,
  requestsPerSec: Math.round(requests / result.duration),
  durationSec: result.duration,
  latencyMs: summarize(latencies),
  ok200: counts.ok200 - measured.ok200,
  ok304: counts.ok304 - measured.ok304,
  statusCodes: Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [
      code,
      count,
    ]),
  ),
  errors: result.errors,
  timeouts: result.timeouts,
  bytes: document.length,
  etag,
  violations: violations.toJSON(),
};
finish(summary);
