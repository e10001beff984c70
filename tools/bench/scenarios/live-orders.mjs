// @ts-check
// Live orders: 2 API instances sharing rooms through the Redis adapter, 200 staff sockets and
// 200 diner sockets (50 tables × 4 devices), 20 orders/s for 30 s placed over HTTP alternating
// instances. Every event must reach every staff socket of the tenant exactly once and each
// diner socket only for its own table. Baseline in the same run: one instance, same load.
import { load, ratio, staffToken } from '../harness.mjs';
import { loadavg, seedStaff } from '../lib/venue.mjs';

/** @typedef {import('../load/live-orders.mjs').Result} LiveOrders */

const exact = (/** @type {LiveOrders} */ r) =>
  r.violations.count === 0 &&
  r.disconnects === 0 &&
  r.connected.staff + r.connected.diner === r.connected.wanted &&
  r.orders.placed === r.orders.wanted &&
  r.staffEvents.received === r.staffEvents.expected;

export default /** @satisfies {import('../lib/types.mjs').Scenario} */ ({
  name: 'live-orders',
  title:
    'Live orders: 2 instances, 200 staff + 200 diner sockets, 20 orders/s for 30 s',
  target:
    'every event delivered exactly once to the right rooms only; p95 order-to-staff-event < 50 ms',
  stack: { apiInstances: 2, worker: false },
  async run(ctx, { smoke }) {
    const size = smoke
      ? {
          tableCount: 5,
          staffUsers: 3,
          staffSockets: 20,
          dinerSockets: 20,
          ordersPerSec: 10,
          durationSec: 2,
        }
      : {
          tableCount: 50,
          staffUsers: 25,
          staffSockets: 200,
          dinerSockets: 200,
          ordersPerSec: 20,
          durationSec: 30,
        };
    const [apiUrl] = ctx.apiUrls;
    const owner = await staffToken(apiUrl);
    /** @type {{ code: string }[]} */
    const tables = [];
    for (let i = 0; i < size.tableCount; i += 1) {
      const res = await fetch(`${apiUrl}/api/staff/tables`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${owner}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-table-${i}`,
        },
        body: JSON.stringify({ label: `Bench ${i + 1}` }),
      });
      if (res.status !== 201)
        throw new Error(`create table: ${res.status} ${await res.text()}`);
      const table = /** @type {{ code: string }} */ (await res.json());
      tables.push({ code: table.code });
    }
    const menu = /** @type {{ categories: { items: { id: string }[] }[] }} */ (
      await (await fetch(`${apiUrl}/api/public/venues/demo/menu`)).json()
    );
    const menuItemId = menu.categories[0].items[0].id;
    // Several kitchen logins: a staff user may hold only a few sockets per instance.
    const emails = await seedStaff(ctx, size.staffUsers, 'kitchen');
    /** @type {string[]} */
    const staffTokens = [];
    for (const email of emails)
      staffTokens.push(await staffToken(apiUrl, email));

    const args = {
      origin: ctx.origin,
      staffTokens,
      tables,
      menuItemId,
      ...size,
    };
    // Warm both instances (JIT, pools, Redis adapter) with a small checked run first.
    const warm = await load('live-orders', {
      ...args,
      apiUrls: ctx.apiUrls,
      staffSockets: 20,
      dinerSockets: 20,
      ordersPerSec: 10,
      durationSec: smoke ? 1 : 5,
    });
    const loadBefore = loadavg();
    const two = await load('live-orders', { ...args, apiUrls: ctx.apiUrls });
    const one = await load('live-orders', { ...args, apiUrls: [apiUrl] });
    const p95 = two.orderToStaffEventMs.p95;
    const delivered = (/** @type {LiveOrders} */ r) =>
      `${r.staffEvents.received} / ${r.staffEvents.expected}`;
    return {
      rows: [
        {
          metric: 'sockets connected (staff + diner)',
          value: `${two.connected.staff} + ${two.connected.diner}`,
          unit: '',
          target: `${size.staffSockets} + ${size.dinerSockets}`,
          pass:
            two.connected.staff + two.connected.diner === two.connected.wanted,
        },
        {
          metric: 'orders placed',
          value: two.orders.placed,
          unit: '',
          target: String(two.orders.wanted),
          pass: two.orders.placed === two.orders.wanted,
        },
        { metric: 'order rate achieved', value: two.orders.perSec, unit: '/s' },
        {
          metric: 'staff order.created delivered',
          value: delivered(two),
          unit: '',
          pass: two.staffEvents.received === two.staffEvents.expected,
        },
        {
          metric: 'duplicates / missing / foreign (staff + diner)',
          value: [
            two.staffEvents.duplicates + two.dinerEvents.duplicates,
            two.staffEvents.missing + two.dinerEvents.missing,
            two.staffEvents.foreign + two.dinerEvents.foreign,
          ].join(' / '),
          unit: '',
          target: '0 / 0 / 0',
          pass: two.violations.count === 0,
        },
        {
          metric: 'p95 order → staff event, 2 instances',
          value: p95,
          unit: 'ms',
          target: '< 50',
          pass: p95 < 50,
        },
        {
          metric: 'p50 order → staff event, 2 instances',
          value: two.orderToStaffEventMs.p50,
          unit: 'ms',
        },
        {
          metric: 'p95 order → staff event, 1 instance',
          value: one.orderToStaffEventMs.p95,
          unit: 'ms',
        },
        {
          metric: 'ratio p95 2 instances / 1 instance',
          value: ratio(p95, one.orderToStaffEventMs.p95),
          unit: '×',
        },
        {
          metric: 'p95 POST order (HTTP), 2 instances',
          value: two.placeOrderHttpMs.p95,
          unit: 'ms',
        },
        {
          metric: 'load process event-loop delay p99',
          value: two.loadProcessEventLoopDelayMs.p99,
          unit: 'ms',
        },
        {
          metric: 'baseline (1 instance) exact',
          value: exact(one) ? 'yes' : 'NO',
          unit: '',
          pass: exact(one),
        },
      ],
      summary: {
        ...size,
        twoInstances: two,
        oneInstance: one,
        ratioP95: ratio(p95, one.orderToStaffEventMs.p95),
        loadavg: { before: loadBefore, after: loadavg() },
      },
      pass: exact(warm) && exact(two) && exact(one),
    };
  },
});
