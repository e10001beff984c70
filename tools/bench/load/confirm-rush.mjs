// @ts-check
// Booking rush through HTTP: every token confirmed once, all connections open at once
// (autocannon, one connection per token). argv[2]: {url, origin, tokens}
// Latencies (ms) are measured per request from when it is built to its response.
// Prints {seconds, rps, confirmed, alreadyConfirmed, soldOut, serverErrors, other, errors, latencies, lastConfirmedAtMs}.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

/**
 * @typedef {{ url: string, origin: string, tokens: string[] }} Args
 * @typedef {typeof summary} Result
 * @typedef {{ ok: number, soldOut: number, other: number }} Second responses of one second, by kind
 */

/** @type {Args} */
const { url, origin, tokens } = JSON.parse(process.argv[2]);
const counts = {
  confirmed: 0,
  alreadyConfirmed: 0,
  soldOut: 0,
  serverErrors: 0,
  other: 0,
};
/** @type {number[]} */
const latencies = [];
// Responses per second of the rush, by kind: where the time goes.
/** @type {Second[]} */
const timeline = [];
let next = 0;
let lastConfirmedAt = 0;
const started = performance.now();

/** @type {Record<string, number>} */
const errorKinds = {};
const instance = autocannon({
  url,
  connections: tokens.length,
  amount: tokens.length,
  timeout: 120,
  requests: [
    {
      method: 'POST',
      setupRequest(request, /** @type {{ sentAt: number }} */ context) {
        context.sentAt = performance.now();
        const token = tokens[next++];
        return {
          ...request,
          headers: {
            'Content-Type': 'application/json',
            Origin: origin,
            'Idempotency-Key': randomUUID(),
          },
          body: JSON.stringify({ token }),
        };
      },
      onResponse(status, body, /** @type {{ sentAt: number }} */ context) {
        latencies.push(performance.now() - context.sentAt);
        const second = Math.floor((performance.now() - started) / 1000);
        timeline[second] ??= { ok: 0, soldOut: 0, other: 0 };
        timeline[second][
          status === 200 ? 'ok' : status === 409 ? 'soldOut' : 'other'
        ] += 1;
        if (status === 200) {
          if (JSON.parse(body).alreadyConfirmed) counts.alreadyConfirmed += 1;
          else {
            counts.confirmed += 1;
            lastConfirmedAt = performance.now();
          }
        } else if (status === 409 && body.includes('SOLD_OUT'))
          counts.soldOut += 1;
        else if (status >= 500) counts.serverErrors += 1;
        else {
          counts.other += 1;
          if (counts.other <= 3)
            process.stderr.write(
              `confirm-rush: unexpected ${status} ${body.slice(0, 200)}\n`,
            );
        }
      },
    },
  ],
});
instance.on('reqError', (error) => {
  const kind = error.code ?? error.message;
  errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
});
const result = await instance;
const seconds = (performance.now() - started) / 1000;
const summary = {
  seconds,
  rps: tokens.length / seconds,
  ...counts,
  errors: result.errors + result.timeouts,
  errorKinds,
  latency: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  latencies,
  // A second without responses is a hole in the sparse array.
  timeline: Array.from(
    timeline,
    (/** @type {Second | undefined} */ t) =>
      t ?? { ok: 0, soldOut: 0, other: 0 },
  ),
  sellOutSeconds: (lastConfirmedAt - started) / 1000,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
