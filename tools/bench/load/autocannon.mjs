// @ts-check
// Generic HTTP load (autocannon) as a separate process.
// argv[2]: {url, connections, duration (s) | amount, method?, headers?, body?, requests?}
// Prints {requests, rps, latency: {p50, p90, p99, max}, statusCodes, non2xx, errors, timeouts}.
import autocannon from 'autocannon';

/**
 * @typedef {Pick<import('autocannon').Options, 'url' | 'connections' | 'duration' | 'amount' | 'method' | 'headers' | 'body' | 'requests'>} Args
 * @typedef {typeof summary} Result
 */

/** @type {Args} */
const options = JSON.parse(process.argv[2]);
const result = await autocannon({
  url: options.url,
  connections: options.connections ?? 10,
  duration: options.amount ? undefined : (options.duration ?? 5),
  amount: options.amount,
  method: options.method ?? 'GET',
  headers: options.headers,
  body: options.body,
  requests: options.requests,
});
/** @type {Record<string, number>} */
const statusCodes = {};
for (const [code, count] of Object.entries(result.statusCodeStats ?? {}))
  statusCodes[code] = count.count;
const summary = {
  requests: result.requests.total,
  rps: result.requests.average,
  latency: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  statusCodes,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
