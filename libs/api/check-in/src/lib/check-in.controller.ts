import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CheckInPreview,
  CheckInStats,
  CheckedIn,
  Permission,
} from '@foyer/contracts';
import { principalOf } from '@foyer/api/auth';
import { OwnTenantContext, requestTenant } from '@foyer/api/platform/database';
import { unauthenticated } from '@foyer/api/platform/errors';
import { requestIdOf, uuidParam } from '@foyer/api/platform/http';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { CheckInService } from './check-in.service';
import {
  ConfirmCheckInDto,
  PreviewCheckInDto,
  UndoCheckInDto,
} from './dto/check-in.dto';

/** An id that is not a UUID names nothing: 404, like another tenant's id. */
const performanceId = uuidParam();

function caller(req: Request): {
  tenantId: string;
  staffId: string;
  requestId: string;
} {
  const principal = principalOf(req);
  const tenantId = requestTenant(req);
  if (!principal || !tenantId) {
    throw unauthenticated();
  }
  return { tenantId, staffId: principal.sub, requestId: requestIdOf(req) };
}

@ApiTags('staff: check-in')
@Controller('api/staff')
@RequirePermissions(Permission.CHECKIN_SCAN)
export class CheckInController {
  constructor(private readonly checkIn: CheckInService) {}

  @Post('check-in/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What a scanned ticket means now; changes nothing',
    description:
      'Always 200 with `state` ∈ VALID, ALREADY_CHECKED_IN (with `checkedInAt`), NOT_CONFIRMED, CANCELLED, ' +
      'WRONG_PERFORMANCE, OUTSIDE_WINDOW, TOKEN_INVALID. `reservation` holds only reference, party size and performance.',
  })
  preview(@Body() dto: PreviewCheckInDto): Promise<CheckInPreview> {
    return this.checkIn.preview(dto);
  }

  @Post('check-in/confirm')
  @HttpCode(200)
  @OwnTenantContext()
  @ApiOperation({
    summary: 'Admit a ticket, exactly once',
    description:
      '200 `{state: "CHECKED_IN", reservation, checkedInAt}`; a repeat with the same `nonce` gets the first 200 again. ' +
      '404 TOKEN_INVALID; 409 ALREADY_CHECKED_IN with `checkedInAt`; 409 NOT_CONFIRMED, CANCELLED, WRONG_PERFORMANCE, OUTSIDE_WINDOW.',
  })
  confirm(
    @Body() dto: ConfirmCheckInDto,
    @Req() req: Request,
  ): Promise<CheckedIn> {
    const { tenantId, staffId, requestId } = caller(req);
    return this.checkIn.confirm(tenantId, dto, staffId, requestId);
  }

  @Post('check-in/undo')
  @HttpCode(200)
  @OwnTenantContext()
  @RequirePermissions(Permission.CHECKIN_SCAN, Permission.RESERVATIONS_MANAGE)
  @ApiOperation({
    summary: 'Revert a mistaken check-in (audited with the reason)',
    description:
      '200 with the ticket state after the undo; 404 TOKEN_INVALID; 409 CONFLICT when it is not checked in.',
  })
  undo(
    @Body() dto: UndoCheckInDto,
    @Req() req: Request,
  ): Promise<CheckInPreview> {
    const { tenantId, staffId, requestId } = caller(req);
    return this.checkIn.undo(tenantId, dto, staffId, requestId);
  }

  @Get('performances/:id/check-in/stats')
  @ApiOperation({
    summary: 'Door counts: confirmed and checked-in parties and seats',
  })
  stats(@Param('id', performanceId) id: string): Promise<CheckInStats> {
    return this.checkIn.stats(id);
  }
}
