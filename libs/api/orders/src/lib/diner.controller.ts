import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CheckOrigin } from '@foyer/api/auth';
import { TenantContext, notFound } from '@foyer/api/platform';
import type { Request } from 'express';
import {
  DinerAccess,
  DinerRoute,
  dinerCallerOf,
  dinerTableOf,
} from './diner-access';
import { OpenSessionDto, PlaceOrderDto, SetCartLineDto } from './dto/diner.dto';
import { CartView, OrderView, OrderingService } from './ordering.service';

export interface DinerSession {
  sessionCap: string;
  expiresAt: string;
  table: { label: string };
  venue: { slug: string; name: string };
}

const menuItemId = new ParseUUIDPipe({
  exceptionFactory: () => notFound('No menu item has this id.'),
});

/**
 * The diner's API. DinerGuard has resolved `:code` (404 if unknown or retired) and, for
 * every route but /session, verified X-Session-Cap for this very table before anything here runs.
 */
@ApiTags('public: table ordering')
@Controller('api/public/tables/:code')
export class DinerController {
  constructor(
    private readonly access: DinerAccess,
    private readonly ordering: OrderingService,
    private readonly context: TenantContext,
  ) {}

  @Post('session')
  @HttpCode(201)
  @DinerRoute({ opensSession: true })
  @CheckOrigin()
  async session(
    @Body() body: OpenSessionDto,
    @Req() req: Request,
  ): Promise<DinerSession> {
    const table = dinerTableOf(req);
    const venue = await this.context.run(table.tenantId, async (manager) => {
      const [row] = (await manager.query(
        `SELECT slug, name FROM tenant WHERE id = app_current_tenant()`,
      )) as {
        slug: string;
        name: string;
      }[];
      return row;
    });
    return {
      ...this.access.issue(table, body.deviceId),
      table: { label: table.label },
      venue: { slug: venue.slug, name: venue.name },
    };
  }

  @Get('cart')
  @DinerRoute()
  cart(@Req() req: Request): Promise<CartView> {
    return this.ordering.cart(dinerCallerOf(req));
  }

  @Put('cart/items/:menuItemId')
  @HttpCode(200)
  @DinerRoute()
  @CheckOrigin()
  setLine(
    @Param('menuItemId', menuItemId) itemId: string,
    @Body() body: SetCartLineDto,
    @Req() req: Request,
  ): Promise<CartView> {
    return this.ordering.setLine(
      dinerCallerOf(req),
      itemId,
      body.quantity,
      body.note,
    );
  }

  @Post('orders')
  @HttpCode(201)
  @DinerRoute()
  @CheckOrigin()
  place(@Body() body: PlaceOrderDto, @Req() req: Request): Promise<OrderView> {
    return this.ordering.place(dinerCallerOf(req), body.note);
  }

  @Get('orders')
  @DinerRoute()
  orders(@Req() req: Request): Promise<{ items: OrderView[] }> {
    return this.ordering.orders(dinerCallerOf(req));
  }
}
