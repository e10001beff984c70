import { Injectable } from '@nestjs/common';
import { ErrorCode, Page, RealtimeEvent, StaffOrder } from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { decodeCursor, encodeCursor } from '@foyer/api/platform/paging';
import { AuditLog } from '@foyer/api/audit';
import { Realtime } from '@foyer/api/realtime';
import { DiningOrderRepository } from './dining-order.repository';
import { OrderStatus, canTransition } from './order-status';
import { OrderViews, dinerView } from './order-views.service';

const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z\|[0-9a-f-]{36}$/;

export interface StaffActor {
  actorId?: string;
  requestId: string;
}

/** The staff board: orders of the current tenant and their status machine. */
@Injectable()
export class StaffOrdersService {
  constructor(
    private readonly context: TenantContext,
    private readonly orders: DiningOrderRepository,
    private readonly views: OrderViews,
    private readonly audit: AuditLog,
    private readonly realtime: Realtime,
  ) {}

  /** Oldest first, so the board reads in the order guests are waiting. */
  async list(query: {
    status?: OrderStatus[];
    cursor?: string;
    limit: number;
  }): Promise<Page<StaffOrder>> {
    const limit = query.limit;
    let after: { at: string; id: string } | undefined;
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor, CURSOR);
      const [at, id] = decoded
        ? decoded.split('|')
        : ['9999-12-31T00:00:00.000Z', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
      after = { at, id };
    }
    const rows = await this.orders.page({
      statuses: query.status,
      after,
      limit: limit + 1,
    });
    const items = await this.views.staff(
      rows.slice(0, limit).map((r) => r.order),
    );
    const last = rows[limit - 1];
    return {
      items,
      nextCursor:
        rows.length > limit
          ? encodeCursor(`${last.cursorAt}|${last.order.id}`)
          : null,
    };
  }

  async get(id: string): Promise<StaffOrder> {
    const order = await this.orders.find(id);
    if (!order) {
      throw notFound('No order has this id.');
    }
    return (await this.views.staff([order]))[0];
  }

  /** One step along the status machine, under the order's row lock; pushed to staff and the table after commit. */
  async changeStatus(
    tenantId: string,
    id: string,
    status: OrderStatus,
    actor: StaffActor,
  ): Promise<StaffOrder> {
    const order = await this.context.run(tenantId, async () => {
      const current = await this.orders.lock(id);
      if (!current) {
        throw notFound('No order has this id.');
      }
      if (!canTransition(current.status, status)) {
        throw new DomainError(
          ErrorCode.INVALID_TRANSITION,
          `An order that is ${current.status} cannot become ${status}.`,
          { extensions: { currentStatus: current.status } },
        );
      }
      const changed = await this.orders.setStatus(id, status);
      if (!changed) {
        throw notFound('No order has this id.');
      }
      await this.audit.record({
        action: 'order.status_changed',
        actorId: actor.actorId,
        targetType: 'order',
        targetId: id,
        metadata: { from: current.status, to: status },
        requestId: actor.requestId,
      });
      return (await this.views.staff([changed]))[0];
    });
    this.realtime.toStaff(tenantId, RealtimeEvent.OrderUpdated, order);
    if (order.tableId) {
      this.realtime.toTable(
        order.tableId,
        RealtimeEvent.OrderUpdated,
        dinerView(order),
      );
    }
    return order;
  }
}
