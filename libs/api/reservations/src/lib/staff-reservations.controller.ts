import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, Permission } from '@foyer/contracts';
import { requestIdOf, resourceId } from '@foyer/api/platform/http';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { ReservationQueryDto } from './dto/reservation-query.dto';
import { StaffReservationView } from './reservation-view';
import { StaffReservationsService } from './staff-reservations.service';

const actorOf = (req: Request) => ({
  actorId: principalOf(req)?.sub ?? null,
  requestId: requestIdOf(req),
});

@ApiTags('staff: reservations')
@Controller('api/staff')
export class StaffReservationsController {
  constructor(private readonly reservations: StaffReservationsService) {}

  /** Newest first; `q` searches name, email and reference; `status` filters. */
  @Get('performances/:id/reservations')
  @RequirePermissions(Permission.RESERVATIONS_VIEW)
  list(
    @Param('id', resourceId) performanceId: string,
    @Query() query: ReservationQueryDto,
  ): Promise<Page<StaffReservationView>> {
    return this.reservations.list(performanceId, query);
  }

  /** Seats return to the pool once; a repeat answers the same. */
  @Post('reservations/:id/cancel')
  @HttpCode(200)
  @RequirePermissions(Permission.RESERVATIONS_MANAGE)
  cancel(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<StaffReservationView> {
    return this.reservations.cancel(id, actorOf(req));
  }

  /** A new check-in token (the old QR stops working) and cancel link, emailed to the visitor. */
  @Post('reservations/:id/resend-ticket')
  @HttpCode(200)
  @RequirePermissions(Permission.RESERVATIONS_MANAGE)
  resendTicket(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<StaffReservationView> {
    return this.reservations.resendTicket(id, actorOf(req));
  }
}
