// @ts-check
// Small helpers shared by the SCENARIOS load generators (public-menu, door-rush, live-orders).
// Every load script runs as its own process: JSON arguments on argv[2], one JSON line on stdout.
import { performance } from 'node:perf_hooks';

/** The script's JSON arguments (argv[2]); each script declares their shape (its `Args`). */
export function readArgs() {
  return JSON.parse(process.argv[2] ?? '{}');
}

/** Prints the result as the process's only stdout line; diagnostics go to stderr. */
export function finish(/** @type {unknown} */ result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Milliseconds on a clock every process of this machine shares (sub-millisecond resolution). */
export const clock = () => performance.timeOrigin + performance.now();

/**
 * Nearest-rank percentile of ascending values (ms); 0 for none.
 * @param {ArrayLike<number>} sorted
 * @param {number} p
 */
export function percentileOf(sorted, p) {
  if (sorted.length === 0) return 0;
  const rank = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[rank];
}

const round = (/** @type {number} */ value) => Math.round(value * 100) / 100;

/** count, mean, p50/p95/p99 and max of a list of latencies in ms. */
export function summarize(/** @type {number[]} */ values) {
  const sorted = Float64Array.from(values).sort();
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    mean: round(sorted.length ? total / sorted.length : 0),
    p50: round(percentileOf(sorted, 50)),
    p95: round(percentileOf(sorted, 95)),
    p99: round(percentileOf(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : 0),
  };
}

/**
 * A response header regardless of its case (autocannon hands raw names).
 * @param {Record<string, string | string[]> | undefined} headers
 * @param {string} name
 * @returns {string | undefined}
 */
export function headerOf(headers, name) {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === wanted)
      return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Keeps the first few violations verbatim (statuses and codes only, never tokens). */
export class Violations {
  count = 0;
  /** @type {object[]} */
  samples = [];
  add(/** @type {object} */ sample) {
    this.count += 1;
    if (this.samples.length < 5) this.samples.push(sample);
  }
  toJSON() {
    return { count: this.count, samples: this.samples };
  }
}
