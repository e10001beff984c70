import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CheckOrigin } from '@foyer/api/auth';
import { DinerSession } from '@foyer/contracts';
import { uuidParam } from '@foyer/api/platform/http';
import type { Request } from 'express';
import { DinerRoute, dinerCallerOf, dinerTableOf } from './diner.guard';
import { OpenSessionDto, PlaceOrderDto, SetCartLineDto } from './dto/diner.dto';
import { CartView, OrderView, OrderingService } from './ordering.service';

const menuItemId = uuidParam('No menu item has this id.');

/**
 * The diner's API. DinerGuard has resolved `:code` (404 if unknown or retired) and, for
 * every route but /session, verified X-Session-Cap for this very table before anything here runs.
 */
@ApiTags('public: table ordering')
@Controller('api/public/tables/:code')
export class DinerController {
  constructor(private readonly ordering: OrderingService) {}

  @Post('session')
  @HttpCode(201)
  @DinerRoute({ opensSession: true })
  @CheckOrigin()
  session(
    @Body() body: OpenSessionDto,
    @Req() req: Request,
  ): Promise<DinerSession> {
    return this.ordering.openSession(dinerTableOf(req), body.deviceId);
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
