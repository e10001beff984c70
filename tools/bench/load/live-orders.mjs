// @ts-check
// Load for the live-orders scenario. Opens `staffSockets` sockets on /staff (auth.token) and
// `dinerSockets` on /diner (auth {tableCode, sessionCap}, sessions opened over HTTP), each
// its own connection, spread over the API instances and over loopback source addresses (one
// per simulated device group, as a venue's phones would be), sending the allowed Origin.
// Then places `ordersPerSec` orders for `durationSec` over HTTP (PUT a cart line, POST the
// order), alternating instances, and checks every event: each staff socket gets every
// order.created exactly once; each diner socket gets order.updated exactly once for each
// order of its own table and nothing of any other table (cart.updated: twice per order).
// Args: {apiUrls, origin, staffTokens, tables:[{code}], menuItemId, staffSockets,
//        dinerSockets, ordersPerSec, durationSec, sourceAddresses, drainMs}
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { Violations, clock, finish, readArgs, summarize } from './load-kit.mjs';

/**
 * @typedef {object} Args
 * @property {string[]} apiUrls
 * @property {string} origin
 * @property {string[]} staffTokens
 * @property {{ code: string }[]} tables
 * @property {string} menuItemId
 * @property {number} [staffSockets]
 * @property {number} [dinerSockets]
 * @property {number} [ordersPerSec]
 * @property {number} [durationSec]
 * @property {number} [sourceAddresses]
 * @property {number} [drainMs]
 */
/** @typedef {typeof summary} Result */

/** @type {Args} */
const {
  apiUrls,
  origin,
  staffTokens,
  tables,
  menuItemId,
  staffSockets = 200,
  dinerSockets = 200,
  ordersPerSec = 20,
  durationSec = 30,
  sourceAddresses = 20,
  drainMs = 5000,
} = readArgs();
const violations = new Violations();
const sleep = (/** @type {number} */ ms) =>
  new Promise((resolve) => setTimeout(resolve, ms));
const instance = (/** @type {number} */ i) => apiUrls[i % apiUrls.length];
let devices = 0;
const nextAddress = () => `127.0.1.${1 + (devices++ % sourceAddresses)}`;

/**
 * One JSON request with the allowed Origin and a fresh Idempotency-Key; the body parsed.
 * @param {string} url
 * @param {string} method
 * @param {unknown} body sent as JSON unless undefined
 * @param {Record<string, string>} [headers]
 */
async function call(url, method, body, headers = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      origin,
      'idempotency-key': randomUUID(),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * Runs `work` over `items` with at most `limit` at a time.
 * @template T
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<unknown>} work
 */
async function pool(items, limit, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

// Diner sessions: `perTable` devices per table; the first one of each table places its orders.
const perTable = Math.max(1, Math.floor(dinerSockets / tables.length));
/** @type {{ table: number, i: number, cap?: string }[]} */
const diners = Array.from({ length: tables.length * perTable }, (_, i) => ({
  table: i % tables.length,
  i,
}));
await pool(diners, 8, async (diner) => {
  const res = await call(
    `${instance(diner.i)}/api/public/tables/${tables[diner.table].code}/session`,
    'POST',
    {
      deviceId: randomUUID(),
    },
  );
  if (res.status !== 201)
    throw new Error(`diner session: ${res.status} ${res.body?.code}`);
  diner.cap = res.body.sessionCap;
});

// Sockets, each on its own connection; events are recorded with their arrival time.
/**
 * @typedef {{ kind: 'staff' } | { kind: 'diner', table: number }} Holder whose socket it is
 * @typedef {Holder & { socket: import('socket.io-client').Socket, events: { event: string, id: string | undefined, at: number }[], connected: boolean }} SocketRecord
 */
/** @type {SocketRecord[]} */
const sockets = [];
let disconnects = 0;
let stopping = false;
/**
 * @param {'staff' | 'diner'} namespace
 * @param {number} i spreads the sockets over the instances
 * @param {Record<string, unknown>} auth
 * @param {Holder} holder
 * @returns {Promise<SocketRecord>}
 */
function open(namespace, i, auth, holder) {
  return new Promise((resolve) => {
    /**
     * engine.io-client hands `localAddress` on to ws, though its types do not list it.
     * @type {Partial<import('socket.io-client').ManagerOptions & import('socket.io-client').SocketOptions> & { localAddress: string }}
     */
    const options = {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth,
      extraHeaders: { origin },
      localAddress: nextAddress(),
      timeout: 20_000,
    };
    const socket = io(`${instance(i)}/${namespace}`, options);
    /** @type {SocketRecord} */
    const record = { ...holder, socket, events: [], connected: false };
    socket.onAny((event, payload) =>
      record.events.push({ event, id: payload?.id, at: clock() }),
    );
    socket.once('connect', () => {
      record.connected = true;
      sockets.push(record);
      resolve(record);
    });
    socket.once('connect_error', (error) => {
      violations.add({ kind: 'connect', namespace, message: error.message });
      resolve(record);
    });
    socket.on('disconnect', (reason) => {
      if (!stopping) {
        disconnects += 1;
        violations.add({ kind: 'disconnect', namespace, reason });
      }
    });
  });
}
const connectStarted = clock();
await pool(
  Array.from({ length: staffSockets }, (_, i) => i),
  20,
  (i) =>
    open(
      'staff',
      i,
      { token: staffTokens[i % staffTokens.length] },
      { kind: 'staff' },
    ),
);
await pool(diners, 20, (diner) =>
  open(
    'diner',
    diner.i,
    { tableCode: tables[diner.table].code, sessionCap: diner.cap },
    { kind: 'diner', table: diner.table },
  ),
);
const connectSeconds = (clock() - connectStarted) / 1000;
await sleep(500);

// Orders: one chain per table (a table's cart is shared), started on a fixed schedule.
const total = Math.round(ordersPerSec * durationSec);
// Each table's first device places its orders (every table has one: perTable ≥ 1).
const placerCaps = tables.map((_, t) => {
  const cap = diners.find((d) => d.table === t)?.cap;
  if (cap === undefined) throw new Error(`table ${t} has no diner session`);
  return cap;
});
const chains = tables.map(() => Promise.resolve());
/** @type {{ id: string, table: number, sentAt: number }[]} */
const orders = [];
/** @type {Record<string, number>} */
const statuses = {};
/** @type {number[]} */
const httpLatencies = [];
const LAG_RESOLUTION_MS = 10;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
const lagMs = (/** @type {number} */ ns) =>
  Math.max(0, Math.round(ns / 1e4 - LAG_RESOLUTION_MS * 100) / 100);
lag.enable();
const started = clock();
for (let i = 0; i < total; i += 1) {
  const wait = started + (i * 1000) / ordersPerSec - clock();
  if (wait > 0) await sleep(wait);
  const t = i % tables.length;
  const url = `${instance(i)}/api/public/tables/${tables[t].code}`;
  const headers = { 'x-session-cap': placerCaps[t] };
  chains[t] = chains[t].then(async () => {
    const line = await call(
      `${url}/cart/items/${menuItemId}`,
      'PUT',
      { quantity: 1 + (i % 3) },
      headers,
    );
    if (line.status !== 200) {
      statuses[`PUT ${line.status}`] =
        (statuses[`PUT ${line.status}`] ?? 0) + 1;
      return;
    }
    const sentAt = clock();
    const placed = await call(`${url}/orders`, 'POST', {}, headers);
    httpLatencies.push(clock() - sentAt);
    statuses[placed.status] = (statuses[placed.status] ?? 0) + 1;
    if (placed.status === 201)
      orders.push({ id: placed.body.id, table: t, sentAt });
  });
}
await Promise.all(chains);
const placingSeconds = (clock() - started) / 1000;
lag.disable();

// Drain: until every socket has what it should, or drainMs.
const byTable = tables.map(() => 0);
for (const order of orders) byTable[order.table] += 1;
const expected = (/** @type {SocketRecord} */ record) =>
  record.kind === 'staff' ? orders.length : byTable[record.table] * 3; // order.updated + 2 × cart.updated
const drainUntil = clock() + drainMs;
while (
  clock() < drainUntil &&
  sockets.some((r) => r.events.length < expected(r))
) {
  await sleep(50);
}
await sleep(200); // anything extra (a duplicate) would arrive now
stopping = true;
for (const record of sockets) record.socket.disconnect();

// Exactly once, right rooms only.
/** @type {Map<string | undefined, (typeof orders)[number]>} */
const sentAt = new Map(orders.map((o) => [o.id, o]));
/** @type {number[]} */
const latencies = [];
const staff = {
  sockets: 0,
  received: 0,
  duplicates: 0,
  missing: 0,
  foreign: 0,
};
const diner = {
  sockets: 0,
  received: 0,
  duplicates: 0,
  missing: 0,
  foreign: 0,
  cartUpdates: 0,
  cartMismatch: 0,
};
for (const record of sockets) {
  /** @type {Set<string | undefined>} */
  const seen = new Set();
  const tally = record.kind === 'staff' ? staff : diner;
  tally.sockets += 1;
  let carts = 0;
  for (const { event, id, at } of record.events) {
    if (event === 'cart.updated' && record.kind === 'diner') {
      carts += 1;
      continue;
    }
    const wanted = record.kind === 'staff' ? 'order.created' : 'order.updated';
    const order = sentAt.get(id);
    if (
      event !== wanted ||
      !order ||
      (record.kind === 'diner' && order.table !== record.table)
    ) {
      tally.foreign += 1;
      violations.add({ kind: 'foreign', socket: record.kind, event });
      continue;
    }
    tally.received += 1;
    if (seen.has(id)) {
      tally.duplicates += 1;
      violations.add({ kind: 'duplicate', socket: record.kind, event });
      continue;
    }
    seen.add(id);
    if (record.kind === 'staff') latencies.push(at - order.sentAt);
  }
  const own = record.kind === 'staff' ? orders.length : byTable[record.table];
  if (seen.size !== own) {
    tally.missing += own - seen.size;
    violations.add({
      kind: 'missing',
      socket: record.kind,
      count: own - seen.size,
    });
  }
  if (record.kind === 'diner') {
    diner.cartUpdates += carts;
    if (carts !== 2 * own) {
      diner.cartMismatch += 1;
      violations.add({ kind: 'cart.updated', expected: 2 * own, got: carts });
    }
  }
}
if (orders.length !== total)
  violations.add({ kind: 'orders', placed: orders.length, total });

const summary = {
  instances: apiUrls.length,
  connected: {
    staff: staff.sockets,
    diner: diner.sockets,
    wanted: staffSockets + diners.length,
  },
  connectSeconds: Math.round(connectSeconds * 10) / 10,
  disconnects,
  orders: {
    wanted: total,
    placed: orders.length,
    statuses,
    perSec: Math.round((orders.length / placingSeconds) * 10) / 10,
  },
  staffEvents: { ...staff, expected: staff.sockets * orders.length },
  dinerEvents: diner,
  orderToStaffEventMs: summarize(latencies),
  placeOrderHttpMs: summarize(httpLatencies),
  // The histogram holds whole timer intervals: the 10 ms resolution is taken off.
  loadProcessEventLoopDelayMs: {
    p50: lagMs(lag.percentile(50)),
    p99: lagMs(lag.percentile(99)),
    max: lagMs(lag.max),
  },
  violations: violations.toJSON(),
};
finish(summary);
process.exit(0);
