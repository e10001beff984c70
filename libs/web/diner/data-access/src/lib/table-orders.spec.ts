import { DinerOrder, OrderStatus } from '@foyer/contracts';
import { mergeOrders, upsertOrder } from './table-orders';

const order = (
  id: string,
  status: OrderStatus,
  updatedAt: string,
  createdAt = '2030-01-01T10:00:00Z',
): DinerOrder => ({
  id,
  status,
  lines: [],
  note: null,
  totalCents: 0,
  currency: 'EUR',
  createdAt,
  updatedAt,
});

describe('table orders', () => {
  it('adds new orders oldest first and replaces known ones with later views', () => {
    let list = upsertOrder(
      [],
      order('b', 'received', '2030-01-01T10:05:00Z', '2030-01-01T10:05:00Z'),
    );
    list = upsertOrder(list, order('a', 'received', '2030-01-01T10:00:00Z'));
    expect(list.map((o) => o.id)).toEqual(['a', 'b']);
    list = upsertOrder(list, order('a', 'accepted', '2030-01-01T10:06:00Z'));
    expect(list.find((o) => o.id === 'a')?.status).toBe('accepted');
  });

  it('ignores a late, older view of an order', () => {
    const list = [order('a', 'ready', '2030-01-01T10:10:00Z')];
    expect(
      upsertOrder(list, order('a', 'accepted', '2030-01-01T10:02:00Z'))[0]
        .status,
    ).toBe('ready');
  });

  it('merges a refetch without duplicating or losing what events brought', () => {
    const events = [
      order('a', 'preparing', '2030-01-01T10:08:00Z'),
      order('c', 'received', '2030-01-01T10:09:00Z', '2030-01-01T10:09:00Z'),
    ];
    const fetched = [
      order('a', 'accepted', '2030-01-01T10:03:00Z'),
      order('b', 'received', '2030-01-01T10:04:00Z', '2030-01-01T10:04:00Z'),
    ];
    const merged = mergeOrders(events, fetched);
    expect(merged.map((o) => `${o.id}:${o.status}`)).toEqual([
      'a:preparing',
      'b:received',
      'c:received',
    ]);
  });
});
