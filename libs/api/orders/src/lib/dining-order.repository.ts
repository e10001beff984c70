import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
  text,
} from '@foyer/api/platform/database';
import {
  DINING_ORDER_COLUMNS,
  DiningOrder,
  toDiningOrder,
} from './dining-order.mapper';
import { OrderStatus } from './order-status';

/** A keyset position on the staff board: created_at to the microsecond (text), then id. */
export interface OrderKey {
  at: string;
  id: string;
}

/** An order of a page, with the cursor position it stands at. */
export interface PagedOrder {
  order: DiningOrder;
  cursorAt: string;
}

export type NewDiningOrder = Pick<
  DiningOrder,
  'tableLabel' | 'note' | 'totalCents' | 'currency'
> & { tableId: string; sittingId: string };

/** created_at to the microsecond, so the cursor never repeats or skips rows of one millisecond. */
const CURSOR_AT = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

/** The one reader and writer of `dining_order`; every statement names the tenant as $1. */
@Injectable()
export class DiningOrderRepository extends TenantScopedRepository {
  // Its own constructor, so Nest reads the TenantContext parameter of this class.
  constructor(context: TenantContext) {
    super(context);
  }

  /** Up to `limit` orders (of the given statuses, if any) after `after`, oldest first. */
  page(query: {
    statuses?: readonly OrderStatus[];
    after?: OrderKey;
    limit: number;
  }): Promise<PagedOrder[]> {
    const params: unknown[] = [query.limit];
    const where = ['tenant_id = $1'];
    if (query.statuses && query.statuses.length > 0) {
      params.push(query.statuses);
      where.push(`status = ANY($${params.length + 1}::text[])`);
    }
    if (query.after) {
      params.push(query.after.at, query.after.id);
      where.push(
        `(created_at, id) > ($${params.length}::timestamptz, $${params.length + 1}::uuid)`,
      );
    }
    return this.select(
      `SELECT ${DINING_ORDER_COLUMNS}, ${CURSOR_AT} FROM dining_order WHERE ${where.join(' AND ')}
        ORDER BY created_at, id LIMIT $2`,
      params,
      (row) => ({
        order: toDiningOrder(row),
        cursorAt: text(row, 'cursor_at'),
      }),
    );
  }

  find(id: string): Promise<DiningOrder | null> {
    return this.first(
      `SELECT ${DINING_ORDER_COLUMNS} FROM dining_order WHERE tenant_id = $1 AND id = $2`,
      [id],
      toDiningOrder,
    );
  }

  /** The order under a row lock (FOR UPDATE) until the transaction ends: status changes. */
  lock(id: string): Promise<DiningOrder | null> {
    return this.first(
      `SELECT ${DINING_ORDER_COLUMNS} FROM dining_order WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [id],
      toDiningOrder,
    );
  }

  setStatus(id: string, status: OrderStatus): Promise<DiningOrder | null> {
    return this.first(
      `UPDATE dining_order SET status = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2
       RETURNING ${DINING_ORDER_COLUMNS}`,
      [id, status],
      toDiningOrder,
    );
  }

  /** The orders of one sitting at one table, oldest first. */
  ofSitting(tableId: string, sittingId: string): Promise<DiningOrder[]> {
    return this.select(
      `SELECT ${DINING_ORDER_COLUMNS} FROM dining_order
        WHERE tenant_id = $1 AND table_id = $2 AND sitting_id = $3 ORDER BY created_at, id`,
      [tableId, sittingId],
      toDiningOrder,
    );
  }

  async insert(order: NewDiningOrder): Promise<DiningOrder> {
    const [inserted] = await this.select(
      `INSERT INTO dining_order (tenant_id, table_id, table_label, sitting_id, note, total_cents, currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${DINING_ORDER_COLUMNS}`,
      [
        order.tableId,
        order.tableLabel,
        order.sittingId,
        order.note,
        order.totalCents,
        order.currency,
      ],
      toDiningOrder,
    );
    return inserted;
  }
}
