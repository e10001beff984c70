import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
} from '@foyer/api/platform/database';
import {
  ORDER_LINE_COLUMNS,
  OrderLine,
  toOrderLine,
} from './order-line.mapper';

export type NewOrderLine = Omit<OrderLine, 'orderId'>;

/**
 * The one reader and writer of `order_line`; every statement names the tenant as $1.
 * Lines are written once, with their order, and never change.
 */
@Injectable()
export class OrderLineRepository extends TenantScopedRepository {
  // Its own constructor, so Nest reads the TenantContext parameter of this class.
  constructor(context: TenantContext) {
    super(context);
  }

  /** The lines of the tenant's orders among `orderIds`, by order, in position order. */
  ofOrders(orderIds: readonly string[]): Promise<OrderLine[]> {
    return this.select(
      `SELECT ${ORDER_LINE_COLUMNS} FROM order_line
        WHERE tenant_id = $1 AND order_id = ANY($2::uuid[]) ORDER BY order_id, position`,
      [orderIds],
      toOrderLine,
    );
  }

  /** Writes the lines of a new order, at positions 0, 1, … in the given order. */
  insertAll(orderId: string, lines: readonly NewOrderLine[]): Promise<number> {
    return this.execute(
      `INSERT INTO order_line (tenant_id, order_id, position, menu_item_id, name, quantity, unit_price_cents, note)
       SELECT $1, $2, l.position, l.menu_item_id, l.name, l.quantity, l.unit_price_cents, l.note
         FROM unnest($3::int[], $4::uuid[], $5::text[], $6::int[], $7::int[], $8::text[])
           AS l(position, menu_item_id, name, quantity, unit_price_cents, note)`,
      [
        orderId,
        lines.map((_, i) => i),
        lines.map((l) => l.menuItemId),
        lines.map((l) => l.name),
        lines.map((l) => l.quantity),
        lines.map((l) => l.unitPriceCents),
        lines.map((l) => l.note),
      ],
    );
  }
}
