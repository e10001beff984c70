#!/usr/bin/env node
// @ts-check
// `npm run bench` — every scenario; `npm run bench -- booking-rush memory` — some;
// `npm run bench -- --smoke` — every scenario with small sizes, correctness only (part of npm test).
// Options: --no-build (reuse dist/), --cpu-prof (CPU profiles of the API in .var/bench-profiles/).
//
// Prints one table per scenario and a final `BENCH_JSON {...}` line. Exits non-zero when a
// scenario's correctness checks fail (or it crashes); a missed target only warns, and in
// --smoke mode targets are not judged at all.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkServices, onExit, root, say } from '../scripts/lib.mjs';
import {
  adminUrl,
  ensureBuilt,
  machine,
  redisUrl,
  startStack,
  stopAllStacks,
} from './harness.mjs';

/**
 * @typedef {import('./lib/types.mjs').Scenario} Scenario
 * @typedef {import('./lib/types.mjs').Row} Row
 * @typedef {import('./lib/types.mjs').Outcome & { seconds: number, error?: string }} Result a scenario's outcome, or its crash
 */

const ORDER = [
  'booking-rush',
  'slow-mail',
  'public-menu',
  'door-rush',
  'live-orders',
  'memory',
  'public-site',
];

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const cpuProf = args.includes('--cpu-prof');
const wanted = args.filter((arg) => !arg.startsWith('--'));

async function loadScenarios() {
  const dir = join(root, 'tools/bench/scenarios');
  const files = readdirSync(dir).filter((file) => file.endsWith('.mjs'));
  /** @type {Scenario[]} */
  const scenarios = [];
  for (const file of files) {
    /** @type {Scenario} */
    const scenario = (await import(pathToFileURL(join(dir, file)).href))
      .default;
    scenarios.push(scenario);
  }
  const rank = (/** @type {string} */ name) =>
    ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length;
  scenarios.sort(
    (a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name),
  );
  const unknown = wanted.filter(
    (name) => !scenarios.some((scenario) => scenario.name === name),
  );
  if (unknown.length > 0) {
    throw new Error(
      `unknown scenario ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`,
    );
  }
  return wanted.length === 0
    ? scenarios
    : scenarios.filter((scenario) => wanted.includes(scenario.name));
}

const show = (/** @type {unknown} */ value) =>
  typeof value === 'number'
    ? String(Math.round(value * 100) / 100)
    : String(value ?? '');

function table(/** @type {Row[]} */ rows) {
  const header = ['metric', 'value', 'unit', 'target', ''];
  const body = rows.map((row) => [
    row.metric,
    show(row.value),
    row.unit ?? '',
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'ok' : smoke ? '-' : 'MISS',
  ]);
  const widths = header.map((_, i) =>
    Math.max(header[i].length, ...body.map((cells) => cells[i].length)),
  );
  const line = (/** @type {string[]} */ cells) =>
    `  ${cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')}`;
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...body.map(line),
  ].join('\n');
}

/** @param {Scenario} scenario @returns {Promise<Result>} */
async function runScenario(scenario) {
  const started = Date.now();
  /** @type {import('./lib/types.mjs').Stack | null} */
  let ctx = null;
  try {
    const profileDir = join(root, '.var/bench-profiles', scenario.name);
    if (cpuProf) mkdirSync(profileDir, { recursive: true });
    ctx = await startStack({
      ...scenario.stack,
      nodeArgs: cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const result = await scenario.run(ctx, { smoke });
    return { ...result, seconds: Math.round((Date.now() - started) / 1000) };
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return {
      rows: [],
      summary: { error: error.message },
      pass: false,
      error: error.stack ?? error.message,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await ctx?.stop();
  }
}

async function main() {
  if (!existsSync(join(root, 'tools/bench/scenarios')))
    throw new Error('no tools/bench/scenarios');
  await checkServices(adminUrl, redisUrl);
  onExit(stopAllStacks);
  const scenarios = await loadScenarios();
  ensureBuilt();
  const host = machine();
  say(
    `› bench${smoke ? ' (smoke)' : ''}: ${scenarios.map((s) => s.name).join(', ')}`,
  );
  say(
    `  ${host.cores} cores ${host.cpu}, ${host.ramGiB} GiB, Node ${host.node}, PostgreSQL ${host.postgres}, Redis ${host.redis}, load ${host.loadavg}`,
  );
  /** @type {Record<string, Omit<Result, 'error'> & { targetsMissed: string[] }>} */
  const results = {};
  let failed = 0;
  for (const scenario of scenarios) {
    say(`\n› ${scenario.name}: ${scenario.title}${smoke ? ' [smoke]' : ''}`);
    if (scenario.target) say(`  target: ${scenario.target}`);
    const result = await runScenario(scenario);
    say(table(result.rows));
    const targetsMissed = result.rows
      .filter((row) => row.pass === false)
      .map((row) => row.metric);
    if (result.error) say(`  ERROR ${result.error}`);
    if (!result.pass) {
      failed += 1;
      say(
        `  ✗ ${scenario.name}: correctness check FAILED (${result.seconds} s)`,
      );
    } else if (!smoke && targetsMissed.length > 0) {
      say(
        `  ! ${scenario.name}: correct, target missed: ${targetsMissed.join(', ')} (${result.seconds} s)`,
      );
    } else {
      say(`  ✓ ${scenario.name} (${result.seconds} s)`);
    }
    results[scenario.name] = {
      pass: result.pass,
      targetsMissed,
      seconds: result.seconds,
      rows: result.rows,
      summary: result.summary,
    };
  }
  say(
    `\nBENCH_JSON ${JSON.stringify({ smoke, machine: { ...host, loadavgAfter: machine().loadavg }, results })}`,
  );
  if (failed > 0) {
    process.stderr.write(
      `\n${failed} scenario(s) failed their correctness checks\n`,
    );
    process.exit(1);
  }
}

main().catch(async (error) => {
  await stopAllStacks();
  process.stderr.write(`\nbench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
