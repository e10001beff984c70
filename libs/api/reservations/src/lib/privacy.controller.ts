import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@foyer/contracts';
import { requestIdOf } from '@foyer/api/platform/http';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { PrivacyRequestDto } from './dto/privacy.dto';
import { PrivacyExport, PrivacyService } from './privacy.service';

/** Data subject requests, answered for this tenant's reservations only. */
@ApiTags('staff: privacy')
@Controller('api/staff/privacy')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Post('export')
  @HttpCode(200)
  @RequirePermissions(Permission.PRIVACY_MANAGE)
  @ApiOperation({
    summary: 'Every reservation of this email in this tenant, as JSON',
  })
  export(
    @Body() body: PrivacyRequestDto,
    @Req() req: Request,
  ): Promise<PrivacyExport> {
    return this.privacy.export(body.email, {
      actorId: principalOf(req)?.sub,
      requestId: requestIdOf(req),
    });
  }

  @Post('erase')
  @HttpCode(200)
  @RequirePermissions(Permission.PRIVACY_MANAGE)
  @ApiOperation({
    summary:
      'Anonymises the personal fields of every reservation of this email; seats and counts stay',
  })
  erase(
    @Body() body: PrivacyRequestDto,
    @Req() req: Request,
  ): Promise<{ erased: number }> {
    return this.privacy.erase(body.email, {
      actorId: principalOf(req)?.sub,
      requestId: requestIdOf(req),
    });
  }
}
