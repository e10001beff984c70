import { Injectable } from '@nestjs/common';
import type { DinerOrder, StaffOrder } from '@foyer/contracts';
import { DiningOrder } from './dining-order.mapper';
import { OrderLineRepository } from './order-line.repository';

/** Orders of the current tenant with their lines, in the shape the staff board sees. */
@Injectable()
export class OrderViews {
  constructor(private readonly lines: OrderLineRepository) {}

  async staff(orders: readonly DiningOrder[]): Promise<StaffOrder[]> {
    if (orders.length === 0) {
      return [];
    }
    const lines = await this.lines.ofOrders(orders.map((o) => o.id));
    return orders.map((order) => ({
      id: order.id,
      status: order.status,
      tableId: order.tableId,
      tableLabel: order.tableLabel,
      lines: lines
        .filter((l) => l.orderId === order.id)
        .map((l) => ({
          menuItemId: l.menuItemId,
          name: l.name,
          quantity: l.quantity,
          unitPriceCents: l.unitPriceCents,
          note: l.note,
        })),
      note: order.note,
      totalCents: order.totalCents,
      currency: order.currency.trim(),
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
    }));
  }
}

export function dinerView(order: StaffOrder): DinerOrder {
  // The diner's own table is implied by the capability; its id and label stay staff-side.
  const { tableId, tableLabel, ...view } = order;
  return view;
}
