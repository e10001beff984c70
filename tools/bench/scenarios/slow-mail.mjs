// @ts-check
// Booking under slow mail: the ticket email leaves through the outbox and the worker, so a
// mail server that takes 2 s per message must not slow the confirmations down. The same
// stack runs a rush with a fast mail server, then one with every message delayed by 2 s;
// afterwards every confirmed guest must have received exactly one ticket email.
import { ratio } from '../harness.mjs';
import { apiRush, confirmedEmails } from '../lib/booking.mjs';

const DELAY_MS = 2000;
const MAIL_CONCURRENCY = 4; // MailProcessor's BullMQ concurrency

export default /** @satisfies {import('../lib/types.mjs').Scenario} */ ({
  name: 'slow-mail',
  title: 'Booking rush while the SMTP server takes 2 s per message',
  target:
    'booking p95 within 10% of the same rush with a fast mail server; every email delivered afterwards',
  stack: { apiInstances: 1, worker: true, smtpDelayMs: 0 },
  async run(ctx, { smoke }) {
    const seats = smoke ? 8 : 500;
    const attempts = smoke ? 32 : 2000;
    // Warm-up (JIT, pools) so that neither measured rush pays for it.
    const warm = await apiRush(ctx, {
      seats: smoke ? 5 : 20,
      attempts: smoke ? 10 : 40,
      label: 'warm',
    });
    await ctx.smtp.waitFor(warm.db.seats, 60_000);

    const fast = await apiRush(ctx, { seats, attempts, label: 'fast' });
    const fastDrain = Date.now();
    await ctx.smtp.waitFor(
      warm.db.seats + fast.db.seats,
      120_000 + seats * 200,
    );
    const fastDrainSeconds = (Date.now() - fastDrain) / 1000;

    ctx.smtp.setDelay(DELAY_MS);
    const slow = await apiRush(ctx, { seats, attempts, label: 'slow' });
    const slowDrain = Date.now();
    const expected = warm.db.seats + fast.db.seats + slow.db.seats;
    let delivered = true;
    try {
      await ctx.smtp.waitFor(
        expected,
        120_000 + (slow.db.seats * DELAY_MS * 2) / MAIL_CONCURRENCY,
      );
    } catch {
      delivered = false;
    }
    const slowDrainSeconds = (Date.now() - slowDrain) / 1000;
    const recipients = ctx.smtp.recipients();
    const emails = [
      ...(await confirmedEmails(ctx, fast.performanceId)),
      ...(await confirmedEmails(ctx, slow.performanceId)),
    ];
    const exactlyOnce = emails.filter(
      (email) => recipients.get(email) === 1,
    ).length;
    const p95Ratio = ratio(slow.p95, fast.p95);
    const correct =
      fast.correct &&
      slow.correct &&
      delivered &&
      exactlyOnce === emails.length &&
      ctx.smtp.received() === expected;
    return {
      rows: [
        {
          metric: 'rushes correct (fast / slow mail)',
          value: `${fast.correct}/${slow.correct}`,
          unit: '',
          pass: fast.correct && slow.correct,
        },
        { metric: 'booking p95, fast mail', value: fast.p95, unit: 'ms' },
        { metric: 'booking p95, 2 s per message', value: slow.p95, unit: 'ms' },
        {
          metric: 'p95 slow / fast',
          value: p95Ratio,
          unit: '×',
          target: '≤ 1.10',
          pass: p95Ratio <= 1.1,
        },
        {
          metric: 'confirmations/s fast / slow',
          value: `${Math.round(fast.result.rps)}/${Math.round(slow.result.rps)}`,
          unit: 'req/s',
        },
        {
          metric: 'tickets delivered exactly once',
          value: `${exactlyOnce}/${emails.length}`,
          unit: '',
          pass: exactlyOnce === emails.length,
        },
        {
          metric: 'mail drain after rush, fast / slow',
          value: `${Math.round(fastDrainSeconds)}/${Math.round(slowDrainSeconds)}`,
          unit: 's',
        },
      ],
      summary: {
        seats,
        attempts,
        smtpDelayMs: DELAY_MS,
        fast: {
          p95: fast.p95,
          rps: fast.result.rps,
          checks: fast.checks,
          drainSeconds: fastDrainSeconds,
        },
        slow: {
          p95: slow.p95,
          rps: slow.result.rps,
          checks: slow.checks,
          drainSeconds: slowDrainSeconds,
        },
        p95Ratio,
        mails: {
          expected,
          received: ctx.smtp.received(),
          exactlyOnce,
          confirmed: emails.length,
        },
      },
      pass: correct,
    };
  },
});
