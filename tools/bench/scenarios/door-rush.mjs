// @ts-check
// Door rush: 50 scanners admit 5,000 distinct tickets through POST /api/staff/check-in/confirm
// while 10 more re-scan the tickets just sent. Exactly-once is checked per ticket (from the
// answers) and in the database (checked-in rows and audit events). Baseline in the same
// run: the same lookup and conditional UPDATE straight through `pg` on the same tickets.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, ratio, staffToken } from '../harness.mjs';
import {
  doorCounts,
  loadavg,
  resetDoor,
  seedDoorTickets,
} from '../lib/venue.mjs';

/**
 * @param {import('../load/door-rush.mjs').Result | import('../load/door-rush-pg.mjs').Result} r
 * @param {number} tickets
 */
const exactlyOnce = (r, tickets) =>
  r.admitted === tickets &&
  r.admittedTwice === 0 &&
  r.neverAdmitted === 0 &&
  r.violations.count === 0;

export default /** @satisfies {import('../lib/types.mjs').Scenario} */ ({
  name: 'door-rush',
  title:
    'Door rush: 50 scanners over 5,000 tickets, 10 re-scanning the same tickets',
  target:
    'each ticket admitted exactly once, every other confirm 409 ALREADY_CHECKED_IN, no 5xx; p95 < 25 ms per confirm',
  stack: { apiInstances: 1, worker: false },
  async run(ctx, { smoke }) {
    const size = smoke
      ? { tickets: 300, scanners: 10, rescanners: 2 }
      : { tickets: 5000, scanners: 50, rescanners: 10 };
    const [apiUrl] = ctx.apiUrls;
    const { tenantId, performanceId, tokens, ownerId } = await seedDoorTickets(
      ctx,
      size.tickets,
    );
    const ticketsFile = join(tmpdir(), `foyer-bench-door-${process.pid}.json`);
    writeFileSync(ticketsFile, JSON.stringify(tokens));
    const accessToken = await staffToken(apiUrl);
    const loadBefore = loadavg();

    const api = await load('door-rush', {
      url: apiUrl,
      accessToken,
      ticketsFile,
      performanceId,
      ...size,
    });
    const apiDb = await doorCounts(ctx, performanceId);
    await resetDoor(ctx, performanceId);
    const base = await load('door-rush-pg', {
      databaseUrl: ctx.runtimeUrl,
      poolSize: Number(ctx.env.DATABASE_POOL_SIZE ?? 10),
      tenantId,
      staffId: ownerId,
      tokenHashKey: ctx.env.TOKEN_HASH_KEY,
      ticketsFile,
      performanceId,
      ...size,
    });
    const baseDb = await doorCounts(ctx, performanceId);

    const onlyExpected = Object.keys(api.statuses).every(
      (status) => status === '200' || status === '409',
    );
    const conflicts = api.statuses['409'] ?? 0;
    const apiCorrect =
      exactlyOnce(api, size.tickets) &&
      onlyExpected &&
      conflicts === api.confirms - size.tickets &&
      api.errors === 0 &&
      api.timeouts === 0 &&
      apiDb.checkedIn === size.tickets &&
      apiDb.audited === size.tickets;
    const baseCorrect =
      exactlyOnce(base, size.tickets) && baseDb.checkedIn === size.tickets;
    const fiveHundreds = Object.entries(api.statuses)
      .filter(([status]) => status >= '500')
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      rows: [
        {
          metric: 'tickets checked in (database)',
          value: apiDb.checkedIn,
          unit: '',
          target: String(size.tickets),
          pass: apiDb.checkedIn === size.tickets,
        },
        {
          metric: 'check-in audit events',
          value: apiDb.audited,
          unit: '',
          target: String(size.tickets),
          pass: apiDb.audited === size.tickets,
        },
        {
          metric: 'admitted twice / never',
          value: `${api.admittedTwice} / ${api.neverAdmitted}`,
          unit: '',
          target: '0 / 0',
          pass: api.admittedTwice === 0 && api.neverAdmitted === 0,
        },
        {
          metric: 'other confirms 409 ALREADY_CHECKED_IN',
          value: `${conflicts} / ${api.confirms - size.tickets}`,
          unit: '',
          pass: onlyExpected && conflicts === api.confirms - size.tickets,
        },
        {
          metric: '5xx',
          value: fiveHundreds,
          unit: '',
          target: '0',
          pass: fiveHundreds === 0,
        },
        {
          metric: 'API p95 per confirm',
          value: api.latencyMs.p95,
          unit: 'ms',
          target: '< 25',
          pass: api.latencyMs.p95 < 25,
        },
        { metric: 'API p50 per confirm', value: api.latencyMs.p50, unit: 'ms' },
        { metric: 'API admissions/s', value: api.admitsPerSec, unit: '/s' },
        {
          metric: 'baseline (pg) p95 per confirm',
          value: base.latencyMs.p95,
          unit: 'ms',
        },
        {
          metric: 'baseline (pg) admissions/s',
          value: base.admitsPerSec,
          unit: '/s',
        },
        {
          metric: 'ratio API / baseline admissions/s',
          value: ratio(api.admitsPerSec, base.admitsPerSec),
          unit: '×',
        },
      ],
      summary: {
        ...size,
        api,
        apiDatabase: apiDb,
        baseline: base,
        baselineDatabase: baseDb,
        ratio: ratio(api.admitsPerSec, base.admitsPerSec),
        p95Ratio: ratio(api.latencyMs.p95, base.latencyMs.p95),
        loadavg: { before: loadBefore, after: loadavg() },
      },
      pass: apiCorrect && baseCorrect,
    };
  },
});
