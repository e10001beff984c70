/**
 * Shapes of the table-ordering contract (its routes in the OpenAPI document) as the SPA reads
 * them. Money is integer minor units plus an ISO 4217 currency code.
 */

/** `received → accepted → preparing → ready → served`, or `cancelled` before `served`. */
export const ORDER_FLOW = [
  'received',
  'accepted',
  'preparing',
  'ready',
  'served',
] as const;
export type OrderStatus = (typeof ORDER_FLOW)[number] | 'cancelled';

/** The one status an order may step forward to, or null when it is final. */
export function nextOrderStatus(status: OrderStatus): OrderStatus | null {
  const at = (ORDER_FLOW as readonly string[]).indexOf(status);
  return at >= 0 && at < ORDER_FLOW.length - 1 ? ORDER_FLOW[at + 1] : null;
}

export const isFinalOrderStatus = (status: OrderStatus) =>
  status === 'served' || status === 'cancelled';

export interface PublicMenuItem {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  allergens: string[];
  imageUrl?: string;
}

export interface PublicMenu {
  categories: { id: string; name: string; items: PublicMenuItem[] }[];
}

export interface DinerSession {
  sessionCap: string;
  expiresAt: string;
  table: { label: string };
  venue: { slug: string; name: string };
}

export interface CartLine {
  menuItemId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  note: string | null;
  /** false when the item left the menu: placing the order answers 409 ITEM_UNAVAILABLE. */
  available?: boolean;
}

export interface Cart {
  lines: CartLine[];
  totalCents: number;
  currency: string;
}

export interface OrderLine {
  menuItemId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  note: string | null;
}

/** An order as the diner's table sees it (`order.updated` on `/diner`). */
export interface DinerOrder {
  id: string;
  status: OrderStatus;
  lines: OrderLine[];
  note: string | null;
  totalCents: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
}

/** An order on the staff board (`order.created` / `order.updated` on `/staff`). */
export interface StaffOrder extends DinerOrder {
  tableId: string | null;
  tableLabel: string;
}

const STATUS_RANK: Readonly<Record<OrderStatus, number>> = {
  received: 0,
  accepted: 1,
  preparing: 2,
  ready: 3,
  served: 4,
  cancelled: 5,
};

/**
 * Whether `candidate` is a later view of the same order than `current`: a newer `updatedAt`
 * wins; at the same instant the status further along wins (statuses only move forward), so
 * an event and a refetch arriving in any order settle on the same answer.
 */
export function isNewerOrder(
  candidate: Pick<DinerOrder, 'updatedAt' | 'status'>,
  current: Pick<DinerOrder, 'updatedAt' | 'status'>,
): boolean {
  const a = Date.parse(candidate.updatedAt);
  const b = Date.parse(current.updatedAt);
  if (a !== b) {
    return a > b;
  }
  return (
    (STATUS_RANK[candidate.status] ?? -1) > (STATUS_RANK[current.status] ?? -1)
  );
}
