import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Public,
  RateLimit,
  TenantContext,
  requestIdOf,
  resourceId,
} from '@foyer/api/platform';
import { TenantDirectory } from '@foyer/api/tenants';
import type { Request } from 'express';
import { BookingService, ConfirmResult } from './booking.service';
import { BookDto, TokenDto } from './dto/booking.dto';
import { PerformancesService } from './performances.service';
import { TicketView, TicketsService } from './tickets.service';

export interface PublicPerformance {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  seatsAvailable: number;
  maxPartySize: number;
  bookingStatus: string;
}

@ApiTags('public')
@Public()
@Controller('api/public')
export class PublicBookingController {
  constructor(
    private readonly directory: TenantDirectory,
    private readonly context: TenantContext,
    private readonly performances: PerformancesService,
    private readonly booking: BookingService,
    private readonly tickets: TicketsService,
  ) {}

  /** Upcoming performances, bookable or not, with live availability. */
  @Get('venues/:slug/performances')
  venuePerformances(
    @Param('slug') slug: string,
  ): Promise<{ items: PublicPerformance[] }> {
    return this.directory.withVenue(slug, async () => {
      const upcoming = await this.performances.upcoming();
      return {
        items: (await this.performances.views(upcoming)).map(publicView),
      };
    });
  }

  @Get('performances/:id')
  async performance(
    @Param('id', resourceId) id: string,
  ): Promise<PublicPerformance> {
    const tenantId = await this.booking.tenantOfPerformance(id);
    return this.context.run(tenantId, async () =>
      publicView(await this.performances.view(id)),
    );
  }

  @Post('performances/:id/reservations')
  @HttpCode(202)
  @RateLimit('booking')
  book(@Param('id', resourceId) id: string, @Body() body: BookDto) {
    return this.booking.book(id, body);
  }

  @Post('reservations/confirm')
  @HttpCode(200)
  confirm(@Body() body: TokenDto, @Req() req: Request): Promise<ConfirmResult> {
    return this.booking.confirm(body.token, requestIdOf(req));
  }

  @Post('reservations/cancel')
  @HttpCode(200)
  cancel(@Body() body: TokenDto, @Req() req: Request) {
    return this.tickets.cancel(body.token, requestIdOf(req));
  }

  @Post('tickets/lookup')
  @HttpCode(200)
  ticket(@Body() body: TokenDto): Promise<TicketView> {
    return this.tickets.lookup(body.token);
  }
}

function publicView(
  view: Awaited<ReturnType<PerformancesService['views']>>[number],
): PublicPerformance {
  return {
    id: view.id,
    title: view.title,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    seatsAvailable: view.seatsAvailable,
    maxPartySize: view.maxPartySize,
    bookingStatus: view.bookingState,
  };
}
