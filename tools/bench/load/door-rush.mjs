// @ts-check
// Load for the door-rush scenario: `scanners` connections admit every ticket of the file
// once (each takes the next ticket), while `rescanners` connections re-scan tickets the
// scanners have just sent, so both race on the same rows. Each scan is a
// POST /api/staff/check-in/confirm with its own Idempotency-Key and nonce, as a door device
// sends it. Every answer is checked: 200 CHECKED_IN, or 409 ALREADY_CHECKED_IN.
// Args: {url, accessToken, ticketsFile, performanceId, scanners, rescanners}
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Violations, finish, readArgs, summarize } from './load-kit.mjs';

/**
 * @typedef {{ url: string, accessToken: string, ticketsFile: string, performanceId: string, scanners?: number, rescanners?: number }} Args
 * @typedef {typeof summary} Result
 * @typedef {{ index: number }} Context the ticket a connection's current request scans
 */

/** @type {Args} */
const {
  url,
  accessToken,
  ticketsFile,
  performanceId,
  scanners = 50,
  rescanners = 10,
} = readArgs();
/** @type {string[]} */
const tickets = JSON.parse(readFileSync(ticketsFile, 'utf8'));
const path = '/api/staff/check-in/confirm';
const admitted = new Uint16Array(tickets.length);
/** @type {Record<string, number>} */
const statuses = {};
const violations = new Violations();
let cursor = 0;
let scans = 0;

/**
 * @param {import('autocannon').Request} request
 * @param {Context} context
 * @param {number} index the ticket to scan
 */
function scan(request, context, index) {
  context.index = index;
  scans += 1;
  request.body = JSON.stringify({
    token: tickets[index],
    performanceId,
    nonce: `bench-${scans}`,
  });
  request.headers = {
    authorization: `Bearer ${accessToken}`,
    'content-type': 'application/json',
    'idempotency-key': randomUUID(),
  };
  return request;
}

/** @param {number} status @param {string} body @param {Context} context */
function record(status, body, context) {
  statuses[status] = (statuses[status] ?? 0) + 1;
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = {};
  }
  if (status === 200 && parsed.state === 'CHECKED_IN') {
    admitted[context.index] += 1;
  } else if (!(
    status === 409 &&
    parsed.code === 'ALREADY_CHECKED_IN' &&
    parsed.checkedInAt
  )) {
    violations.add({ status, code: parsed.code });
  }
}

/**
 * A running autocannon instance, its result (`done`) and every response time in `latencies`.
 * @param {Omit<import('autocannon').Options, 'url'>} options
 * @param {number[]} latencies
 */
function cannon(options, latencies) {
  // Without a callback, autocannon's instance is also the promise of its result.
  const instance = autocannon({ url, method: 'POST', timeout: 10, ...options });
  instance.on('response', (_client, _status, _bytes, responseTime) =>
    latencies.push(responseTime),
  );
  return { instance, done: Promise.resolve(instance) };
}

/** @type {number[]} */
const admitLatencies = [];
/** @type {number[]} */
const rescanLatencies = [];
const started = performance.now();
const admit = cannon(
  {
    connections: scanners,
    amount: tickets.length,
    requests: [
      {
        path,
        setupRequest: (request, /** @type {Context} */ context) =>
          scan(request, context, cursor++ % tickets.length),
        onResponse: record,
      },
    ],
  },
  admitLatencies,
);
// Re-scanners follow the scanners' cursor: each picks one of the last `2 × scanners` tickets sent.
const rescan = rescanners
  ? cannon(
      {
        connections: rescanners,
        duration: 3600,
        requests: [
          {
            path,
            setupRequest: (request, /** @type {Context} */ context) =>
              scan(
                request,
                context,
                Math.max(
                  0,
                  cursor - 1 - Math.floor(Math.random() * scanners * 2),
                ),
              ),
            onResponse: record,
          },
        ],
      },
      rescanLatencies,
    )
  : undefined;

const admitResult = await admit.done;
const seconds = (performance.now() - started) / 1000;
rescan?.instance.stop();
const rescanResult = rescan ? await rescan.done : undefined;

let twice = 0;
let never = 0;
for (const count of admitted) {
  if (count > 1) twice += 1;
  if (count === 0) never += 1;
}
const confirms =
  admitResult.requests.total + (rescanResult?.requests.total ?? 0);
const summary = {
  tickets: tickets.length,
  confirms,
  admitted: admitted.reduce((sum, count) => sum + count, 0),
  admittedTwice: twice,
  neverAdmitted: never,
  statuses,
  errors: admitResult.errors + (rescanResult?.errors ?? 0),
  timeouts: admitResult.timeouts + (rescanResult?.timeouts ?? 0),
  durationSec: Math.round(seconds * 100) / 100,
  confirmsPerSec: Math.round(confirms / seconds),
  admitsPerSec: Math.round(tickets.length / seconds),
  latencyMs: summarize([...admitLatencies, ...rescanLatencies]),
  scannerLatencyMs: summarize(admitLatencies),
  rescannerLatencyMs: summarize(rescanLatencies),
  violations: violations.toJSON(),
};
finish(summary);
