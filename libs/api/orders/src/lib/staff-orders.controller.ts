import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ErrorCode, Page, Permission, RealtimeEvent } from '@foyer/contracts';
import {
  DEFAULT_PAGE_SIZE,
  DomainError,
  OwnTenantContext,
  TenantContext,
  decodeCursor,
  encodeCursor,
  notFound,
  requestIdOf,
  requestTenant,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import { Realtime } from '@foyer/api/realtime';
import type { Request } from 'express';
import { OrderQueryDto, UpdateOrderDto } from './dto/order-query.dto';
import { canTransition } from './order-status';
import {
  ORDER_COLUMNS,
  OrderRow,
  StaffOrderView,
  dinerView,
  loadOrders,
} from './ordering.service';
import { resourceId } from './staff-tables.controller';

const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z\|[0-9a-f-]{36}$/;
/** created_at to the microsecond, so the cursor never repeats or skips rows of one millisecond. */
const CURSOR_AT = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

@ApiTags('staff: orders')
@Controller('api/staff/orders')
export class StaffOrdersController {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditLog,
    private readonly realtime: Realtime,
  ) {}

  /** Oldest first, so the board reads in the order guests are waiting. */
  @Get()
  @RequirePermissions(Permission.ORDERS_VIEW)
  async list(@Query() query: OrderQueryDto): Promise<Page<StaffOrderView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (query.status && query.status.length > 0) {
      params.push(query.status);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor, CURSOR);
      const [at, id] = after
        ? after.split('|')
        : ['9999-12-31T00:00:00.000Z', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
      params.push(at, id);
      where.push(
        `(created_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    const rows = (await this.context.manager.query(
      `SELECT ${ORDER_COLUMNS}, ${CURSOR_AT} FROM dining_order ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at, id LIMIT $1`,
      params,
    )) as (OrderRow & { cursor_at: string })[];
    const page = await loadOrders(this.context, rows.slice(0, limit));
    const last = rows[limit - 1];
    return {
      items: page,
      nextCursor:
        rows.length > limit
          ? encodeCursor(`${last.cursor_at}|${last.id}`)
          : null,
    };
  }

  @Get(':id')
  @RequirePermissions(Permission.ORDERS_VIEW)
  async get(@Param('id', resourceId) id: string): Promise<StaffOrderView> {
    const rows = (await this.context.manager.query(
      `SELECT ${ORDER_COLUMNS} FROM dining_order WHERE id = $1`,
      [id],
    )) as OrderRow[];
    if (rows.length === 0) {
      throw notFound('No order has this id.');
    }
    return (await loadOrders(this.context, rows))[0];
  }

  /** One step along the status machine, under the order's row lock; pushed to staff and the table after commit. */
  @Patch(':id')
  @OwnTenantContext()
  @RequirePermissions(Permission.ORDERS_UPDATE)
  async update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdateOrderDto,
    @Req() req: Request,
  ): Promise<StaffOrderView> {
    const tenantId = requestTenant(req) as string;
    const order = await this.context.run(tenantId, async (manager) => {
      const [current] = (await manager.query(
        `SELECT status FROM dining_order WHERE id = $1 FOR UPDATE`,
        [id],
      )) as {
        status: StaffOrderView['status'];
      }[];
      if (!current) {
        throw notFound('No order has this id.');
      }
      if (!canTransition(current.status, body.status)) {
        throw new DomainError(
          409,
          ErrorCode.INVALID_TRANSITION,
          `An order that is ${current.status} cannot become ${body.status}.`,
          { extensions: { currentStatus: current.status } },
        );
      }
      // UPDATE … RETURNING answers [rows, affected count] through TypeORM.
      const [rows] = (await manager.query(
        `UPDATE dining_order SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${ORDER_COLUMNS}`,
        [id, body.status],
      )) as [OrderRow[], number];
      await this.audit.record({
        action: 'order.status_changed',
        actorId: principalOf(req)?.sub,
        targetType: 'order',
        targetId: id,
        metadata: { from: current.status, to: body.status },
        requestId: requestIdOf(req),
      });
      return (await loadOrders(this.context, rows))[0];
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
