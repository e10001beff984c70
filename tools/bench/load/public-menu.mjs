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
const conditional = {
  method: 'GET',
  path,
  headers: { 'if-none-match': etag },
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
const latencies = [];
const result = await cannon(durationSec, latencies);
const requests = result.requests.total;
const last = await fetch(new URL(path, url));
await last.arrayBuffer();
if (last.headers.get('etag') !== etag) {
  violations.add({ kind: 'etag-changed-after-run' });
}

finish({
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
  violations,
});
