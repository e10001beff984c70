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
import { Page, Permission } from '@foyer/contracts';
import { OwnTenantContext, requestTenant } from '@foyer/api/platform/database';
import { requestIdOf, resourceId } from '@foyer/api/platform/http';
import { DEFAULT_PAGE_SIZE } from '@foyer/api/platform/paging';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { OrderQueryDto, UpdateOrderDto } from './dto/order-query.dto';
import { StaffOrderView } from './ordering.service';
import { StaffOrdersService } from './staff-orders.service';

@ApiTags('staff: orders')
@Controller('api/staff/orders')
export class StaffOrdersController {
  constructor(private readonly orders: StaffOrdersService) {}

  /** Oldest first, so the board reads in the order guests are waiting. */
  @Get()
  @RequirePermissions(Permission.ORDERS_VIEW)
  list(@Query() query: OrderQueryDto): Promise<Page<StaffOrderView>> {
    return this.orders.list({
      status: query.status,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
  }

  @Get(':id')
  @RequirePermissions(Permission.ORDERS_VIEW)
  get(@Param('id', resourceId) id: string): Promise<StaffOrderView> {
    return this.orders.get(id);
  }

  /** One step along the status machine, under the order's row lock; pushed to staff and the table after commit. */
  @Patch(':id')
  @OwnTenantContext()
  @RequirePermissions(Permission.ORDERS_UPDATE)
  update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdateOrderDto,
    @Req() req: Request,
  ): Promise<StaffOrderView> {
    return this.orders.changeStatus(
      requestTenant(req) as string,
      id,
      body.status,
      { actorId: principalOf(req)?.sub, requestId: requestIdOf(req) },
    );
  }
}
