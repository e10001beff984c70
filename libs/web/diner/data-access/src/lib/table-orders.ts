import { DinerOrder, isNewerOrder } from '@foyer/contracts';

/**
 * This sitting's orders with one more view of an order merged in by id: a new id is
 * added, a known one replaced only by a later view (so a late event never undoes a newer
 * status). Oldest first.
 */
export function upsertOrder(
  orders: readonly DinerOrder[],
  incoming: DinerOrder,
): DinerOrder[] {
  const at = orders.findIndex((order) => order.id === incoming.id);
  if (at >= 0) {
    return isNewerOrder(incoming, orders[at])
      ? orders.map((order, i) => (i === at ? incoming : order))
      : [...orders];
  }
  return [...orders, incoming].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
  );
}

/** A fresh list from the server merged with what events already told us. */
export function mergeOrders(
  orders: readonly DinerOrder[],
  fetched: readonly DinerOrder[],
): DinerOrder[] {
  return fetched.reduce<DinerOrder[]>(upsertOrder, [...orders]);
}
