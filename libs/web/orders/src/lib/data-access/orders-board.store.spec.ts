import { TestBed } from '@angular/core/testing';
import { OrderStatus, Page, StaffOrder } from '@foyer/contracts';
import {
  AppConfig,
  SOCKET_FACTORY,
  SessionStore,
} from '@foyer/web/data-access';
import { of } from 'rxjs';
import { Socket } from 'socket.io-client';
import { OrdersBoardStore } from './orders-board.store';
import { StaffOrderingApi } from './staff-ordering.api';

const order = (
  id: string,
  status: OrderStatus,
  updatedAt: string,
  createdAt = '2030-01-01T10:00:00Z',
): StaffOrder => ({
  id,
  status,
  tableId: 't1',
  tableLabel: `Table ${id}`,
  lines: [],
  note: null,
  totalCents: 0,
  currency: 'EUR',
  createdAt,
  updatedAt,
});

/** Just enough of a socket.io client: handlers by event, and `fire` to play the server. */
class FakeSocket {
  readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  active = true;
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  connect = jest.fn();
  disconnect = jest.fn();
  removeAllListeners = jest.fn();
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('OrdersBoardStore', () => {
  let socket: FakeSocket;
  let server: StaffOrder[];
  let store: OrdersBoardStore;
  const reread = new Map<string, StaffOrder>();

  beforeEach(() => {
    socket = new FakeSocket();
    server = [];
    TestBed.configureTestingModule({
      providers: [
        OrdersBoardStore,
        {
          provide: SOCKET_FACTORY,
          useValue: () => socket as unknown as Socket,
        },
        {
          provide: AppConfig,
          useValue: { apiBaseUrl: () => 'http://api.test' },
        },
        { provide: SessionStore, useValue: { refresh: () => of(true) } },
        {
          provide: StaffOrderingApi,
          useValue: {
            orders: (_: unknown, cursor: string | null) =>
              // Two pages, so paging is followed.
              of<Page<StaffOrder>>(
                cursor === null
                  ? {
                      items: server.slice(0, 1),
                      nextCursor: server.length > 1 ? 'next' : null,
                    }
                  : { items: server.slice(1), nextCursor: null },
              ),
            order: (id: string) =>
              reread.has(id)
                ? Promise.resolve(reread.get(id))
                : Promise.reject(new Error('404')),
          },
        },
      ],
    });
    store = TestBed.inject(OrdersBoardStore);
  });

  const board = () =>
    store.board
      .columns()
      .map((c) => `${c.status}:${c.orders.map((o) => o.id).join(',')}`);

  it('loads every page, then takes events by id without doubling, announcing only new ones', async () => {
    const announced: string[][] = [];
    store.onNewOrders = (orders) => announced.push(orders.map((o) => o.id));
    server = [
      order('a', 'received', '2030-01-01T10:00:00Z'),
      order('b', 'accepted', '2030-01-01T10:01:00Z'),
    ];
    store.start();
    socket.fire('connect');
    await flush();
    expect(board()).toEqual([
      'received:a',
      'accepted:b',
      'preparing:',
      'ready:',
    ]);
    expect(announced).toEqual([]);

    socket.fire(
      'order.created',
      order('c', 'received', '2030-01-01T10:02:00Z', '2030-01-01T10:02:00Z'),
    );
    socket.fire(
      'order.created',
      order('c', 'received', '2030-01-01T10:02:00Z', '2030-01-01T10:02:00Z'),
    );
    socket.fire(
      'order.updated',
      order('a', 'accepted', '2030-01-01T10:03:00Z'),
    );
    socket.fire('order.updated', { id: 'x', status: '<img>' });
    expect(board()).toEqual([
      'received:c',
      'accepted:a,b',
      'preparing:',
      'ready:',
    ]);
    expect(announced).toEqual([['c']]);
    expect(store.fresh().has('c')).toBe(true);
  });

  it('survives a reconnect: missed orders added and announced, finished ones re-read and dropped', async () => {
    const announced: string[][] = [];
    store.onNewOrders = (orders) => announced.push(orders.map((o) => o.id));
    server = [
      order('a', 'received', '2030-01-01T10:00:00Z'),
      order('b', 'received', '2030-01-01T10:01:00Z'),
    ];
    store.start();
    socket.fire('connect');
    await flush();
    expect(store.live()).toBe(true);

    socket.fire('disconnect', 'transport close');
    expect(store.live()).toBe(false);
    // Meanwhile: a was served, b moved on, d arrived.
    server = [
      order('b', 'preparing', '2030-01-01T10:04:00Z'),
      order('d', 'received', '2030-01-01T10:05:00Z', '2030-01-01T10:05:00Z'),
    ];
    reread.set('a', order('a', 'served', '2030-01-01T10:03:00Z'));
    socket.fire('connect');
    await flush();
    await flush();
    expect(board()).toEqual([
      'received:d',
      'accepted:',
      'preparing:b',
      'ready:',
    ]);
    expect(announced).toEqual([['d']]);
  });
});
