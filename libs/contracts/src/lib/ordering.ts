import * as z from 'zod/mini';
import { listOf } from './http';
import { count, identifier, isoTime } from './wire';

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
export const ORDER_STATUSES: readonly OrderStatus[] = [
  ...ORDER_FLOW,
  'cancelled',
];

/** The one status an order may step forward to, or null when it is final. */
export function nextOrderStatus(status: OrderStatus): OrderStatus | null {
  const at = (ORDER_FLOW as readonly string[]).indexOf(status);
  return at >= 0 && at < ORDER_FLOW.length - 1 ? ORDER_FLOW[at + 1] : null;
}

export const isFinalOrderStatus = (status: OrderStatus) =>
  status === 'served' || status === 'cancelled';

/** `POST /api/public/tables/:code/session`: the capability every diner call carries. */
export const DinerSession = z.object({
  sessionCap: z.string(),
  expiresAt: isoTime,
  table: z.object({ label: z.string() }),
  venue: z.object({ slug: z.string(), name: z.string() }),
});
export type DinerSession = z.infer<typeof DinerSession>;

export const CartLine = z.object({
  menuItemId: identifier,
  name: z.string(),
  quantity: count,
  unitPriceCents: count,
  note: z.nullable(z.string()),
  /** False when the item left the menu: placing the order answers 409 ITEM_UNAVAILABLE. */
  available: z.boolean(),
});
export type CartLine = z.infer<typeof CartLine>;

/** The table's shared cart (`/api/public/tables/:code/cart`, `cart.updated` on `/diner`). */
export const Cart = z.object({
  lines: z.array(CartLine),
  /** Of the available lines only. */
  totalCents: count,
  currency: z.string(),
});
export type Cart = z.infer<typeof Cart>;

export const OrderLine = z.object({
  menuItemId: identifier,
  name: z.string(),
  quantity: count,
  unitPriceCents: count,
  note: z.nullable(z.string()),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** An order as the diner's table sees it (`order.updated` on `/diner`). */
export const DinerOrder = z.object({
  id: identifier,
  status: z.enum(ORDER_STATUSES),
  lines: z.array(OrderLine),
  note: z.nullable(z.string()),
  totalCents: count,
  currency: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type DinerOrder = z.infer<typeof DinerOrder>;

/** `GET /api/public/tables/:code/orders`: this sitting's orders. */
export const DinerOrders = listOf(DinerOrder);
export type DinerOrders = z.infer<typeof DinerOrders>;

/** An order on the staff board (`order.created` / `order.updated` on `/staff`). */
export const StaffOrder = z.extend(DinerOrder, {
  /** Null once the table was deleted; the label stays. */
  tableId: z.nullable(identifier),
  tableLabel: z.string(),
});
export type StaffOrder = z.infer<typeof StaffOrder>;

/** A dining table (`/api/staff/tables`): its code is the secret in the diner's link. */
export const DiningTable = z.object({
  id: identifier,
  label: z.string(),
  code: z.string(),
  /** Inactive tables answer 404 to diners; their code stays for later. */
  active: z.boolean(),
  /** The diner's link that the table's QR code holds. */
  url: z.string(),
});
export type DiningTable = z.infer<typeof DiningTable>;

/** The diner's anonymous device id (kept in the browser, only its keyed hash is used). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export interface OpenSessionRequest {
  /** Anonymous random id the device keeps; only its keyed hash is used. */
  deviceId: string;
}

/** Sets one cart line's quantity (0 removes it). */
export interface SetCartLineRequest {
  quantity: number;
  note?: string;
}

export interface PlaceOrderRequest {
  note?: string;
}

export interface UpdateOrderRequest {
  status: OrderStatus;
}

/** Body of `POST /api/staff/tables`; `PATCH` takes any part of it. */
export interface DiningTableRequest {
  label: string;
  active?: boolean;
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
