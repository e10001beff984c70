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
  BookingAccepted,
  CancelResult,
  ConfirmResult,
  PublicPerformance,
  PublicPerformances,
  Ticket,
} from '@foyer/contracts';
import {
  Public,
  RateLimit,
  requestIdOf,
  resourceId,
} from '@foyer/api/platform/http';
import type { Request } from 'express';
import { BookingService } from './booking.service';
import { BookDto, TokenDto } from './dto/booking.dto';
import { PublicProgramme } from './public-programme.service';
import { TicketsService } from './tickets.service';

@ApiTags('public')
@Public()
@Controller('api/public')
export class PublicBookingController {
  constructor(
    private readonly programme: PublicProgramme,
    private readonly booking: BookingService,
    private readonly tickets: TicketsService,
  ) {}

  /** Upcoming performances, bookable or not, with live availability. */
  @Get('venues/:slug/performances')
  venuePerformances(@Param('slug') slug: string): Promise<PublicPerformances> {
    return this.programme.upcoming(slug);
  }

  @Get('performances/:id')
  performance(@Param('id', resourceId) id: string): Promise<PublicPerformance> {
    return this.programme.performance(id);
  }

  @Post('performances/:id/reservations')
  @HttpCode(202)
  @RateLimit('booking')
  book(
    @Param('id', resourceId) id: string,
    @Body() body: BookDto,
  ): Promise<BookingAccepted> {
    return this.booking.book(id, body);
  }

  @Post('reservations/confirm')
  @HttpCode(200)
  confirm(@Body() body: TokenDto, @Req() req: Request): Promise<ConfirmResult> {
    return this.booking.confirm(body.token, requestIdOf(req));
  }

  @Post('reservations/cancel')
  @HttpCode(200)
  cancel(@Body() body: TokenDto, @Req() req: Request): Promise<CancelResult> {
    return this.tickets.cancel(body.token, requestIdOf(req));
  }

  @Post('tickets/lookup')
  @HttpCode(200)
  ticket(@Body() body: TokenDto): Promise<Ticket> {
    return this.tickets.lookup(body.token);
  }
}
