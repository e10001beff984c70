import {
  Cart,
  DinerOrder,
  DinerOrders,
  DinerSession,
  DiningTable,
  StaffOrder,
  pageOf,
} from '@foyer/contracts';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { expectContract } from './contract';
import { API } from './env';
import { bearer } from './staff';

const call = (
  method: string,
  path: string,
  options: { token?: string; cap?: string; body?: object; key?: string } = {},
) =>
  fetch(`${API}${path}`, {
    method,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.cap ? { 'X-Session-Cap': options.cap } : {}),
      ...(method === 'GET'
        ? {}
        : { 'Idempotency-Key': options.key ?? randomUUID() }),
      ...(options.body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });

interface Table {
  id: string;
  label: string;
  code: string;
  active: boolean;
}

/** The first `event` payload a socket of `namespace` receives that `match` accepts. */
function nextEvent(
  namespace: '/staff' | '/diner',
  auth: object,
  event: string,
  match: (payload: Record<string, unknown>) => boolean,
) {
  const socket = io(`${API}${namespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth,
  });
  const connected = new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
  const payload = new Promise<unknown>((resolve) =>
    socket.on(event, (body: Record<string, unknown>) => {
      if (match(body)) resolve(body);
    }),
  );
  return { socket, connected, payload };
}

describe('table ordering, black box against the built API and the demo seed', () => {
  let manager: string;
  let kitchen: string;
  let itemId: string;

  beforeAll(async () => {
    manager = await bearer('manager@demo.foyer.localhost');
    kitchen = await bearer('kitchen@demo.foyer.localhost');
    const category = (await (
      await call('POST', '/api/staff/menu/categories', {
        token: manager,
        body: { name: 'E2E ordering', position: 98 },
      })
    ).json()) as { id: string };
    const item = await call('POST', '/api/staff/menu/items', {
      token: manager,
      body: { categoryId: category.id, name: 'E2E soup', priceCents: 650 },
    });
    expect(item.status).toBe(201);
    itemId = ((await item.json()) as { id: string }).id;
  });

  const newTable = async (label: string): Promise<Table> => {
    const res = await call('POST', '/api/staff/tables', {
      token: manager,
      body: { label },
    });
    expect(res.status).toBe(201);
    const table = (await res.json()) as Table;
    expectContract(DiningTable, table);
    return table;
  };
  const session = async (code: string): Promise<string> => {
    const res = await call('POST', `/api/public/tables/${code}/session`, {
      body: { deviceId: randomUUID() },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { sessionCap: string }).sessionCap;
  };

  it('a diner orders from a table, staff move the order along, the diner sees the status', async () => {
    const table = await newTable(`E2E ${randomUUID().slice(0, 8)}`);
    expect(table.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const opened = await call(
      'POST',
      `/api/public/tables/${table.code}/session`,
      { body: { deviceId: randomUUID() } },
    );
    expect(opened.status).toBe(201);
    const session = (await opened.json()) as {
      sessionCap: string;
      venue: { slug: string };
    };
    expectContract(DinerSession, session);
    const { sessionCap: cap, venue } = session;
    expect(venue.slug).toBe('demo');
    const base = `/api/public/tables/${table.code}`;
    const diner = nextEvent(
      '/diner',
      { tableCode: table.code, sessionCap: cap },
      'cart.updated',
      () => true,
    );
    const kitchenBoard = nextEvent(
      '/staff',
      { token: kitchen },
      'order.created',
      (created) => created['tableId'] === table.id,
    );
    expect(await diner.connected).toBe(true);
    expect(await kitchenBoard.connected).toBe(true);

    const priced = await call('PUT', `${base}/cart/items/${itemId}`, {
      cap,
      body: { quantity: 2, unitPriceCents: 1 },
    });
    expect(priced.status).toBe(400);
    const set = await call('PUT', `${base}/cart/items/${itemId}`, {
      cap,
      body: { quantity: 2, note: 'hot' },
    });
    expect(set.status).toBe(200);
    const cart: unknown = await set.json();
    expectContract(Cart, cart);
    expectContract(Cart, await diner.payload);
    diner.socket.close();
    expect(cart).toMatchObject({
      totalCents: 1300,
      lines: [{ menuItemId: itemId, quantity: 2, unitPriceCents: 650 }],
    });

    const placed = await call('POST', `${base}/orders`, {
      cap,
      body: { note: 'window seat' },
    });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as {
      id: string;
      status: string;
      totalCents: number;
    };
    expectContract(DinerOrder, order);
    expect(order).toMatchObject({ status: 'received', totalCents: 1300 });
    const created = await kitchenBoard.payload;
    kitchenBoard.socket.close();
    expectContract(StaffOrder, created);
    expect(created).toMatchObject({ id: order.id, tableId: table.id });
    const empty = await call('POST', `${base}/orders`, { cap, body: {} });
    expect(empty.status).toBe(409);
    expect(((await empty.json()) as { code: string }).code).toBe('CART_EMPTY');

    const board = await call('GET', '/api/staff/orders?status=received', {
      token: kitchen,
    });
    const received = (await board.json()) as { items: { id: string }[] };
    expectContract(pageOf(StaffOrder), received);
    expect(received.items.map((o) => o.id)).toContain(order.id);
    const skip = await call('PATCH', `/api/staff/orders/${order.id}`, {
      token: kitchen,
      body: { status: 'ready' },
    });
    expect(skip.status).toBe(409);
    expect(((await skip.json()) as { code: string }).code).toBe(
      'INVALID_TRANSITION',
    );
    const accepted = await call('PATCH', `/api/staff/orders/${order.id}`, {
      token: kitchen,
      body: { status: 'accepted' },
    });
    expect(accepted.status).toBe(200);
    expectContract(StaffOrder, await accepted.json());

    const mine = (await (
      await call('GET', `${base}/orders`, { cap })
    ).json()) as { items: { id: string; status: string }[] };
    expectContract(DinerOrders, mine);
    expect(mine.items).toEqual([
      expect.objectContaining({ id: order.id, status: 'accepted' }),
    ]);
  });

  it('keeps diners to their own table and retires rotated codes', async () => {
    const a = await newTable(`E2E A ${randomUUID().slice(0, 8)}`);
    const b = await newTable(`E2E B ${randomUUID().slice(0, 8)}`);
    const capA = await session(a.code);
    const cross = await call('GET', `/api/public/tables/${b.code}/cart`, {
      cap: capA,
    });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { code: string }).code).toBe(
      'CAPABILITY_TABLE_MISMATCH',
    );
    const none = await call('GET', `/api/public/tables/${a.code}/cart`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { code: string }).code).toBe(
      'CAPABILITY_INVALID',
    );

    const rotated = await call(
      'POST',
      `/api/staff/tables/${a.id}/rotate-code`,
      { token: manager },
    );
    expect(rotated.status).toBe(200);
    const fresh = (await rotated.json()) as Table;
    expectContract(DiningTable, fresh);
    expect(
      (await call('GET', `/api/public/tables/${a.code}/cart`, { cap: capA }))
        .status,
    ).toBe(404);
    expect(
      (
        await call('GET', `/api/public/tables/${fresh.code}/cart`, {
          cap: capA,
        })
      ).status,
    ).toBe(401);

    const qr = await call('GET', `/api/staff/tables/${a.id}/qr?format=png`, {
      token: manager,
    });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(qr.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
