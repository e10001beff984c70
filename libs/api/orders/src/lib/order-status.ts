/**
 * Order status machine (docs/architecture.md, State machines: PATCH /api/staff/orders/:id).
 * Forward one step at a time, or cancelled from any state before served; served and
 * cancelled are final. Anything else is 409 INVALID_TRANSITION.
 */

import type { OrderStatus as ContractOrderStatus } from '@foyer/contracts';

/** The statuses by name; the union itself is the contract's (libs/contracts ordering). */
export const OrderStatus = {
  RECEIVED: 'received',
  ACCEPTED: 'accepted',
  PREPARING: 'preparing',
  READY: 'ready',
  SERVED: 'served',
  CANCELLED: 'cancelled',
} as const satisfies Record<string, ContractOrderStatus>;

export type OrderStatus = ContractOrderStatus;

export const ORDER_STATUSES: readonly OrderStatus[] = Object.freeze(
  Object.values(OrderStatus),
);

const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> =
  Object.freeze({
    received: Object.freeze([OrderStatus.ACCEPTED, OrderStatus.CANCELLED]),
    accepted: Object.freeze([OrderStatus.PREPARING, OrderStatus.CANCELLED]),
    preparing: Object.freeze([OrderStatus.READY, OrderStatus.CANCELLED]),
    ready: Object.freeze([OrderStatus.SERVED, OrderStatus.CANCELLED]),
    served: Object.freeze([]),
    cancelled: Object.freeze([]),
  });

const NONE: readonly OrderStatus[] = Object.freeze([]);

/** The statuses an order may move to next; none for unknown input, so callers fail closed. */
export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return typeof from === 'string' && Object.hasOwn(NEXT, from)
    ? NEXT[from]
    : NONE;
}

/** Staying in the same status is not a transition: a repeated PATCH is an idempotent replay instead. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return nextStatuses(from).includes(to);
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return (
    typeof value === 'string' &&
    (ORDER_STATUSES as readonly string[]).includes(value)
  );
}
