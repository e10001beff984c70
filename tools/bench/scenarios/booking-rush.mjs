// @ts-check
// Booking rush: one performance, every seat wanted at once. Correct means exactly `seats`
// confirmed, the rest 409 SOLD_OUT, nothing oversold, no 5xx. The baseline does the same
// lock + recompute + update with `pg` directly on a second performance of the same size.
import { load, percentile, ratio } from '../harness.mjs';
import { apiRush, confirmedCounts, seedRush } from '../lib/booking.mjs';

export default /** @satisfies {import('../lib/types.mjs').Scenario} */ ({
  name: 'booking-rush',
  title: 'Booking rush: concurrent 1-seat confirmations of one performance',
  target:
    '≥ 300 confirmations/s and ≥ 0.5 × the pg baseline; exactly the seats confirmed, 0 oversold, 0 5xx',
  stack: { apiInstances: 1, worker: true },
  async run(ctx, { smoke }) {
    const seats = smoke ? 50 : 500;
    const attempts = smoke ? 200 : 2000;

    const base = await seedRush(ctx, { seats, attempts, label: 'baseline' });
    const baseline = await load('confirm-baseline-pg', {
      databaseUrl: ctx.runtimeUrl,
      poolSize: Number(ctx.env.DATABASE_POOL_SIZE ?? 10),
      tenantId: base.tenantId,
      tokenHashKey: ctx.env.TOKEN_HASH_KEY,
      tokens: base.tokens,
    });
    const baseDb = await confirmedCounts(ctx, base.performanceId);
    const baselineCorrect =
      baseDb.seats === seats &&
      baseline.confirmed === seats &&
      baseline.soldOut === attempts - seats;

    // A running server is warm: a small checked rush first (JIT, pools, connections).
    const warm = smoke
      ? { correct: true }
      : await apiRush(ctx, { seats: 20, attempts: 40, label: 'warm' });
    const rush = await apiRush(ctx, { seats, attempts, label: 'api' });
    const { result } = rush;
    const rushRatio = ratio(result.rps, baseline.rps);
    return {
      rows: [
        {
          metric: 'seats / confirmation attempts',
          value: `${seats}/${attempts}`,
          unit: '',
        },
        {
          metric: 'confirmed (DB) / oversold',
          value: `${rush.db.seats}/${Math.max(0, rush.db.seats - seats)}`,
          unit: 'seats',
          pass: rush.checks.exactlySold,
        },
        {
          metric: '200 confirmed / 409 SOLD_OUT',
          value: `${result.confirmed}/${result.soldOut}`,
          unit: '',
          pass: rush.checks.confirmed200 && rush.checks.soldOut409,
        },
        {
          metric: '5xx / other / socket errors',
          value: `${result.serverErrors}/${result.other}/${result.errors}`,
          unit: '',
          pass: rush.checks.no5xx && rush.checks.noOther,
        },
        {
          metric: 'API confirmations/s',
          value: result.rps,
          unit: 'req/s',
          target: '≥ 300',
          pass: result.rps >= 300,
        },
        {
          metric: 'API sell-out time',
          value: result.sellOutSeconds,
          unit: 's',
        },
        {
          metric: 'API latency p50 / p95 / p99',
          value: `${Math.round(percentile(result.latencies, 50))}/${Math.round(rush.p95)}/${Math.round(percentile(result.latencies, 99))}`,
          unit: 'ms',
        },
        {
          metric: 'baseline (pg) confirmations/s',
          value: baseline.rps,
          unit: 'req/s',
        },
        {
          metric: 'ratio API / baseline',
          value: rushRatio,
          unit: '×',
          target: '≥ 0.5',
          pass: rushRatio >= 0.5,
        },
      ],
      summary: {
        seats,
        attempts,
        api: {
          rps: result.rps,
          seconds: result.seconds,
          sellOutSeconds: result.sellOutSeconds,
          p50: percentile(result.latencies, 50),
          p95: rush.p95,
          p99: percentile(result.latencies, 99),
          confirmed: result.confirmed,
          soldOut: result.soldOut,
          serverErrors: result.serverErrors,
          other: result.other,
          errors: result.errors,
          errorKinds: result.errorKinds,
          timeline: result.timeline,
          db: rush.db,
        },
        baseline: {
          rps: baseline.rps,
          seconds: baseline.seconds,
          p95: percentile(baseline.latencies, 95),
          confirmed: baseline.confirmed,
          soldOut: baseline.soldOut,
          db: baseDb,
        },
        ratio: rushRatio,
        checks: rush.checks,
      },
      pass: warm.correct && rush.correct && baselineCorrect,
    };
  },
});
