// @ts-check
// Memory: API RSS when idle, then its peak under the public menu load.
import { load, rssMiB } from '../harness.mjs';

const sleep = (/** @type {number} */ ms) =>
  new Promise((resolve) => setTimeout(resolve, ms));

export default /** @satisfies {import('../lib/types.mjs').Scenario} */ ({
  name: 'memory',
  title: 'API resident memory, idle and under the public menu load',
  target: 'RSS idle < 200 MiB, under load < 400 MiB',
  stack: { apiInstances: 1, worker: true },
  async run(ctx, { smoke }) {
    const [apiUrl] = ctx.apiUrls;
    const [pid] = ctx.apiPids;
    if (pid === undefined) throw new Error('the API process has no pid');
    await sleep(smoke ? 500 : 5000); // let boot-time garbage settle
    const idle = rssMiB(pid);
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(pid));
    }, 200);
    let result;
    try {
      result = await load('autocannon', {
        url: `${apiUrl}/api/public/venues/demo/menu`,
        connections: smoke ? 10 : 100,
        duration: smoke ? 2 : 15,
      });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssMiB(pid));
    const after = rssMiB(pid);
    const ok = result.statusCodes['200'] ?? 0;
    const correct =
      result.requests > 0 && ok === result.requests && result.errors === 0;
    return {
      rows: [
        {
          metric: 'RSS idle',
          value: idle,
          unit: 'MiB',
          target: '< 200',
          pass: idle < 200,
        },
        {
          metric: 'RSS peak under menu load',
          value: peak,
          unit: 'MiB',
          target: '< 400',
          pass: peak < 400,
        },
        { metric: 'RSS after load', value: after, unit: 'MiB' },
        {
          metric: 'menu requests (all 200)',
          value: `${ok}/${result.requests}`,
          unit: '',
        },
        { metric: 'menu requests/s', value: result.rps, unit: 'req/s' },
      ],
      summary: {
        idleMiB: idle,
        peakMiB: peak,
        afterMiB: after,
        requests: result.requests,
        statusCodes: result.statusCodes,
        errors: result.errors,
      },
      pass: correct,
    };
  },
});
