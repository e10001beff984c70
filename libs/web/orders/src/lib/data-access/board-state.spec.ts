import { OrderStatus, StaffOrder } from '@foyer/contracts';
import { BoardState } from './board-state';

const order = (
  id: string,
  status: OrderStatus,
  updatedAt: string,
  createdAt = '2030-01-01T10:00:00Z',
): StaffOrder => ({
  id,
  status,
  tableId: 't1',
  tableLabel: 'Table 1',
  lines: [],
  note: null,
  totalCents: 0,
  currency: 'EUR',
  createdAt,
  updatedAt,
});

const ids = (board: BoardState) =>
  board
    .columns()
    .map((c) => `${c.status}:${c.orders.map((o) => o.id).join(',')}`);

describe('BoardState', () => {
  it('files orders by status, oldest first, each once', () => {
    const board = new BoardState();
    expect(
      board.upsert(
        order('b', 'received', '2030-01-01T10:01:00Z', '2030-01-01T10:01:00Z'),
      ),
    ).toBe('new');
    expect(board.upsert(order('a', 'received', '2030-01-01T10:00:00Z'))).toBe(
      'new',
    );
    expect(board.upsert(order('a', 'received', '2030-01-01T10:00:00Z'))).toBe(
      'ignored',
    );
    expect(ids(board)).toEqual([
      'received:a,b',
      'accepted:',
      'preparing:',
      'ready:',
    ]);
    expect(board.activeCount()).toBe(2);
  });

  it('moves an order on a later view and ignores a late older one', () => {
    const board = new BoardState();
    board.upsert(order('a', 'received', '2030-01-01T10:00:00Z'));
    expect(board.upsert(order('a', 'preparing', '2030-01-01T10:05:00Z'))).toBe(
      'updated',
    );
    expect(board.upsert(order('a', 'accepted', '2030-01-01T10:02:00Z'))).toBe(
      'ignored',
    );
    expect(ids(board)).toEqual([
      'received:',
      'accepted:',
      'preparing:a',
      'ready:',
    ]);
  });

  it('takes the status further along when two views share a timestamp', () => {
    const board = new BoardState();
    board.upsert(order('a', 'ready', '2030-01-01T10:00:00Z'));
    expect(board.upsert(order('a', 'preparing', '2030-01-01T10:00:00Z'))).toBe(
      'ignored',
    );
    expect(board.upsert(order('a', 'served', '2030-01-01T10:00:00Z'))).toBe(
      'updated',
    );
  });

  it('keeps served and cancelled orders off the board, even against late events', () => {
    const board = new BoardState();
    board.upsert(order('a', 'served', '2030-01-01T10:09:00Z'));
    board.upsert(order('a', 'ready', '2030-01-01T10:08:00Z'));
    board.upsert(order('b', 'cancelled', '2030-01-01T10:09:00Z'));
    expect(board.activeCount()).toBe(0);
  });

  it('reconciles a refetch after a reconnect: nothing lost, nothing doubled', () => {
    const board = new BoardState();
    board.upsert(order('a', 'received', '2030-01-01T10:00:00Z'));
    board.upsert(order('b', 'accepted', '2030-01-01T10:01:00Z'));
    // While offline: a moved on, b was served, c and d arrived. An event for d came first.
    board.upsert(
      order('d', 'received', '2030-01-01T10:04:00Z', '2030-01-01T10:04:00Z'),
    );
    const { added, missing } = board.reconcile([
      order('a', 'preparing', '2030-01-01T10:03:00Z'),
      order('c', 'received', '2030-01-01T10:02:00Z', '2030-01-01T10:02:00Z'),
      order('d', 'received', '2030-01-01T10:04:00Z', '2030-01-01T10:04:00Z'),
    ]);
    expect(added).toEqual(['c']);
    expect(missing).toEqual(['b']);
    board.upsert(order('b', 'served', '2030-01-01T10:05:00Z'));
    expect(ids(board)).toEqual([
      'received:c,d',
      'accepted:',
      'preparing:a',
      'ready:',
    ]);
  });

  it('keeps an event newer than the snapshot it races with', () => {
    const board = new BoardState();
    board.upsert(order('a', 'ready', '2030-01-01T10:06:00Z'));
    const { missing } = board.reconcile([
      order('a', 'accepted', '2030-01-01T10:02:00Z'),
    ]);
    expect(missing).toEqual([]);
    expect(board.get('a')?.status).toBe('ready');
  });

  it('forgets an order the server no longer has', () => {
    const board = new BoardState();
    board.upsert(order('a', 'received', '2030-01-01T10:00:00Z'));
    board.forget('a');
    expect(board.get('a')).toBeUndefined();
  });
});
