import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, RealtimeEvent } from '@foyer/contracts';
import { DomainError, TenantContext, notFound } from '@foyer/api/platform';
import { cartTotal } from '@foyer/api/menu';
import { Realtime } from '@foyer/api/realtime';
import { CartStore, StoredLine, TakenCart } from './cart-store';
import { DinerCaller } from './diner-access';
import { MenuPrices, PricedItem } from './menu-prices';
import { OrderStatus } from './order-status';

export interface CartLineView {
  menuItemId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  note: string | null;
  /** false when the item left the menu or is sold out: placing the order then answers 409. */
  available: boolean;
}

export interface CartView {
  lines: CartLineView[];
  totalCents: number;
  currency: string;
}

export interface OrderLineView {
  menuItemId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  note: string | null;
}

export interface OrderView {
  id: string;
  status: OrderStatus;
  lines: OrderLineView[];
  note: string | null;
  totalCents: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
}

export interface StaffOrderView extends OrderView {
  tableId: string | null;
  tableLabel: string;
}

export interface OrderRow {
  id: string;
  table_id: string | null;
  table_label: string;
  status: OrderStatus;
  note: string | null;
  total_cents: number;
  currency: string;
  created_at: Date;
  updated_at: Date;
}

const cartEmpty = () =>
  new DomainError(409, ErrorCode.CART_EMPTY, 'The table’s cart is empty.');
const unavailable = (detail = 'This item is not available right now.') =>
  new DomainError(409, ErrorCode.ITEM_UNAVAILABLE, detail);
const sittingEnded = () =>
  new DomainError(
    401,
    ErrorCode.CAPABILITY_INVALID,
    'The table session is no longer valid; open it again.',
  );

/** Orders of the current tenant, with their lines, in the shapes diners and staff see. */
export async function loadOrders(
  context: TenantContext,
  rows: OrderRow[],
): Promise<StaffOrderView[]> {
  if (rows.length === 0) {
    return [];
  }
  const lines = (await context.manager.query(
    `SELECT order_id, menu_item_id, name, quantity, unit_price_cents, note
       FROM order_line WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position`,
    [rows.map((r) => r.id)],
  )) as {
    order_id: string;
    menu_item_id: string;
    name: string;
    quantity: number;
    unit_price_cents: number;
    note: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    tableId: r.table_id,
    tableLabel: r.table_label,
    lines: lines
      .filter((l) => l.order_id === r.id)
      .map((l) => ({
        menuItemId: l.menu_item_id,
        name: l.name,
        quantity: l.quantity,
        unitPriceCents: l.unit_price_cents,
        note: l.note,
      })),
    note: r.note,
    totalCents: r.total_cents,
    currency: r.currency.trim(),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export function dinerView(order: StaffOrderView): OrderView {
  // The diner's own table is implied by the capability; its id and label stay staff-side.
  const { tableId, tableLabel, ...view } = order;
  return view;
}

export const ORDER_COLUMNS =
  'id, table_id, table_label, status, note, total_cents, currency, created_at, updated_at';

/**
 * The diner side: the shared cart and placing it as an order. Names and prices always
 * come from the menu in PostgreSQL; Redis holds only item ids, quantities and notes.
 */
@Injectable()
export class OrderingService {
  private readonly logger = new Logger('Ordering');

  constructor(
    private readonly context: TenantContext,
    private readonly carts: CartStore,
    private readonly menu: MenuPrices,
    private readonly realtime: Realtime,
  ) {}

  cart(caller: DinerCaller): Promise<CartView> {
    return this.context.run(caller.tenantId, async () =>
      this.view(await this.carts.lines(caller.tableId, caller.sittingId)),
    );
  }

  async setLine(
    caller: DinerCaller,
    menuItemId: string,
    quantity: number,
    note?: string,
  ): Promise<CartView> {
    const view = await this.context.run(caller.tenantId, async () => {
      if (quantity > 0) {
        const item = (await this.menu.items([menuItemId])).get(menuItemId);
        if (!item) {
          throw notFound('No menu item has this id.');
        }
        if (!item.available) {
          throw unavailable();
        }
        const current = await this.view(
          await this.carts.lines(caller.tableId, caller.sittingId),
        );
        if (
          current.lines.some((l) => l.menuItemId !== menuItemId) &&
          current.currency !== item.currency.trim()
        ) {
          throw unavailable(
            'This item is priced in another currency than the cart.',
          );
        }
      }
      const stored = await this.carts.setLine(
        caller.tableId,
        caller.sittingId,
        {
          menuItemId,
          quantity,
          note: note ? note : null,
        },
      );
      if (!stored) {
        throw new DomainError(
          409,
          ErrorCode.CONFLICT,
          'The cart holds as many different items as it can.',
        );
      }
      return this.view(
        await this.carts.lines(caller.tableId, caller.sittingId),
      );
    });
    this.realtime.toTable(caller.tableId, RealtimeEvent.CartUpdated, view);
    return view;
  }

  /**
   * Takes the whole cart in one Redis step (a racing placement finds it empty), re-prices
   * it and writes the order in one transaction that also checks the sitting is still open.
   * If the order cannot be written, the lines go back to the cart.
   */
  async place(caller: DinerCaller, note?: string): Promise<OrderView> {
    const taken = await this.carts.take(caller.tableId, caller.sittingId);
    if (!taken) {
      throw cartEmpty();
    }
    let order: StaffOrderView;
    try {
      order = await this.context.run(caller.tenantId, () =>
        this.write(caller, taken, note),
      );
    } catch (error) {
      await this.giveBack(caller, taken, error);
      throw error;
    }
    await this.carts
      .discard(taken)
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'taken cart not removed'),
      );
    this.realtime.toStaff(caller.tenantId, RealtimeEvent.OrderCreated, order);
    this.realtime.toTable(
      caller.tableId,
      RealtimeEvent.OrderUpdated,
      dinerView(order),
    );
    this.realtime.toTable(caller.tableId, RealtimeEvent.CartUpdated, {
      lines: [],
      totalCents: 0,
      currency: order.currency,
    } satisfies CartView);
    return dinerView(order);
  }

  orders(caller: DinerCaller): Promise<{ items: OrderView[] }> {
    return this.context.run(caller.tenantId, async () => {
      const rows = (await this.context.manager.query(
        `SELECT ${ORDER_COLUMNS} FROM dining_order WHERE table_id = $1 AND sitting_id = $2 ORDER BY created_at, id`,
        [caller.tableId, caller.sittingId],
      )) as OrderRow[];
      return { items: (await loadOrders(this.context, rows)).map(dinerView) };
    });
  }

  private async write(
    caller: DinerCaller,
    taken: TakenCart,
    note?: string,
  ): Promise<StaffOrderView> {
    const manager = this.context.manager;
    // Holds off close-sitting and rotation until this order is written (or not).
    const [table] = (await manager.query(
      `SELECT label, sitting_id, code_version FROM dining_table WHERE id = $1 AND active FOR SHARE`,
      [caller.tableId],
    )) as { label: string; sitting_id: string; code_version: number }[];
    if (!table || table.sitting_id !== caller.sittingId) {
      throw sittingEnded();
    }
    const items = await this.menu.items(taken.lines.map((l) => l.menuItemId));
    const priced = taken.lines.map((line) => {
      const item = items.get(line.menuItemId);
      if (!item || !item.available) {
        throw unavailable(
          `${item?.name ?? 'An item'} is not available right now; remove it and order again.`,
        );
      }
      return { line, item };
    });
    const currency = priced[0].item.currency.trim();
    if (priced.some((p) => p.item.currency.trim() !== currency)) {
      throw unavailable('The cart mixes currencies; remove one of the items.');
    }
    priced.sort(
      (a, b) =>
        a.item.name.localeCompare(b.item.name) ||
        a.item.id.localeCompare(b.item.id),
    );
    const totalCents = cartTotal(
      priced.map((p) => ({
        unitPriceCents: p.item.priceCents,
        quantity: p.line.quantity,
      })),
    );
    const [row] = (await manager.query(
      `INSERT INTO dining_order (tenant_id, table_id, table_label, sitting_id, note, total_cents, currency)
       VALUES (app_current_tenant(), $1, $2, $3, $4, $5, $6) RETURNING ${ORDER_COLUMNS}`,
      [
        caller.tableId,
        table.label,
        caller.sittingId,
        note ? note : null,
        totalCents,
        currency,
      ],
    )) as OrderRow[];
    await manager.query(
      `INSERT INTO order_line (tenant_id, order_id, position, menu_item_id, name, quantity, unit_price_cents, note)
       SELECT app_current_tenant(), $1, l.position, l.menu_item_id, l.name, l.quantity, l.unit_price_cents, l.note
         FROM unnest($2::int[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::text[])
           AS l(position, menu_item_id, name, quantity, unit_price_cents, note)`,
      [
        row.id,
        priced.map((_, i) => i),
        priced.map((p) => p.item.id),
        priced.map((p) => p.item.name),
        priced.map((p) => p.line.quantity),
        priced.map((p) => p.item.priceCents),
        priced.map((p) => p.line.note),
      ],
    );
    return (await loadOrders(this.context, [row]))[0];
  }

  private async giveBack(
    caller: DinerCaller,
    taken: TakenCart,
    error: unknown,
  ): Promise<void> {
    const ended =
      error instanceof DomainError &&
      error.code === ErrorCode.CAPABILITY_INVALID;
    try {
      await (ended
        ? this.carts.discard(taken)
        : this.carts.restore(caller.tableId, caller.sittingId, taken));
    } catch (restoreError) {
      this.logger.error(
        { err: restoreError },
        'taken cart could not be given back',
      );
    }
  }

  private async view(stored: StoredLine[]): Promise<CartView> {
    const items = await this.menu.items(stored.map((l) => l.menuItemId));
    const lines = stored
      .map((line): CartLineView => {
        const item: PricedItem | undefined = items.get(line.menuItemId);
        return {
          menuItemId: line.menuItemId,
          name: item?.name ?? 'No longer on the menu',
          quantity: line.quantity,
          unitPriceCents: item?.priceCents ?? 0,
          note: line.note,
          available: item?.available ?? false,
        };
      })
      .sort(
        (a, b) =>
          a.name.localeCompare(b.name) ||
          a.menuItemId.localeCompare(b.menuItemId),
      );
    const first = lines.find((l) => items.has(l.menuItemId));
    const currency = first
      ? (items.get(first.menuItemId) as PricedItem).currency.trim()
      : await this.menu.tenantCurrency();
    const counted = lines.filter((l) => l.available);
    return { lines, totalCents: cartTotal(counted), currency };
  }
}
