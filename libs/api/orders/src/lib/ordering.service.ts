import { Injectable, Logger } from '@nestjs/common';
import {
  Cart,
  CartLine,
  DinerOrder,
  DinerSession,
  ErrorCode,
  RealtimeEvent,
  StaffOrder,
} from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { MenuPrices, PricedItem, cartTotal } from '@foyer/api/menu';
import { Realtime } from '@foyer/api/realtime';
import { TenantDirectory } from '@foyer/api/tenants';
import { CartStore, StoredLine, TakenCart } from './cart-store.service';
import { DinerAccess, DinerCaller } from './diner-access.service';
import { ResolvedTable } from './dining-table.mapper';
import { DiningOrderRepository } from './dining-order.repository';
import { DiningTableRepository } from './dining-table.repository';
import { OrderLineRepository } from './order-line.repository';
import { OrderViews, dinerView } from './order-views.service';

/** A cart line as the diner sees it: `available` false means placing the order answers 409. */
export type CartLineView = CartLine;

/** The table's cart as the diner sees it. */
export type CartView = Cart;

/** An order as the diner's table sees it. */
export type OrderView = DinerOrder;

/** An order on the staff board. */
export type StaffOrderView = StaffOrder;

const cartEmpty = () =>
  new DomainError(ErrorCode.CART_EMPTY, 'The table’s cart is empty.');
const unavailable = (detail = 'This item is not available right now.') =>
  new DomainError(ErrorCode.ITEM_UNAVAILABLE, detail);
const sittingEnded = () =>
  new DomainError(
    ErrorCode.CAPABILITY_INVALID,
    'The table session is no longer valid; open it again.',
  );

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
    private readonly directory: TenantDirectory,
    private readonly access: DinerAccess,
    private readonly tables: DiningTableRepository,
    private readonly diningOrders: DiningOrderRepository,
    private readonly lines: OrderLineRepository,
    private readonly views: OrderViews,
    private readonly realtime: Realtime,
  ) {}

  /** A capability for a device at this table, with what the diner sees of table and venue. */
  async openSession(
    table: ResolvedTable,
    deviceId: string,
  ): Promise<DinerSession> {
    const venue = await this.context.run(table.tenantId, () =>
      this.directory.current(),
    );
    return {
      ...this.access.issue(table, deviceId),
      table: { label: table.label },
      venue: { slug: venue.slug, name: venue.name },
    };
  }

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
      const orders = await this.diningOrders.ofSitting(
        caller.tableId,
        caller.sittingId,
      );
      return { items: (await this.views.staff(orders)).map(dinerView) };
    });
  }

  private async write(
    caller: DinerCaller,
    taken: TakenCart,
    note?: string,
  ): Promise<StaffOrderView> {
    // Holds off close-sitting and rotation until this order is written (or not).
    const table = await this.tables.lockForOrder(caller.tableId);
    if (!table || table.sittingId !== caller.sittingId) {
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
    const order = await this.diningOrders.insert({
      tableId: caller.tableId,
      tableLabel: table.label,
      sittingId: caller.sittingId,
      note: note ? note : null,
      totalCents,
      currency,
    });
    await this.lines.insertAll(
      order.id,
      priced.map((p) => ({
        menuItemId: p.item.id,
        name: p.item.name,
        quantity: p.line.quantity,
        unitPriceCents: p.item.priceCents,
        note: p.line.note,
      })),
    );
    return (await this.views.staff([order]))[0];
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
      : (await this.directory.current()).currency;
    const counted = lines.filter((l) => l.available);
    return { lines, totalCents: cartTotal(counted), currency };
  }
}
