import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, Permission } from '@foyer/contracts';
import { requestIdOf, uuidParam } from '@foyer/api/platform/http';
import { StaffPrincipal, principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { AddStaffDto, StaffQueryDto, UpdateStaffDto } from './dto/staff.dto';
import { StaffMemberView, StaffMembers } from './staff-members.service';

const actor = (req: Request) => principalOf(req) as StaffPrincipal;
/** A path id that is not a UUID names nothing: 404, like an id of another tenant. */
const userId = uuidParam('No staff member has this id.');

@ApiTags('staff: users')
@Controller('api/staff/users')
export class StaffController {
  constructor(private readonly members: StaffMembers) {}

  @Get()
  @RequirePermissions(Permission.USERS_VIEW)
  list(@Query() query: StaffQueryDto): Promise<Page<StaffMemberView>> {
    return this.members.list(query.cursor, query.limit);
  }

  @Post()
  @RequirePermissions(Permission.USERS_MANAGE)
  add(@Body() body: AddStaffDto, @Req() req: Request) {
    return this.members.add(actor(req), body, requestIdOf(req));
  }

  @Patch(':id')
  @RequirePermissions(Permission.USERS_MANAGE)
  @ApiOkResponse({
    description:
      "The member as now; the user's sessions in this tenant are revoked and their `/staff` sockets closed on every instance",
  })
  update(
    @Param('id', userId) id: string,
    @Body() body: UpdateStaffDto,
    @Req() req: Request,
  ) {
    return this.members.update(actor(req), id, body, requestIdOf(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.USERS_MANAGE)
  @ApiNoContentResponse({
    description:
      "Membership removed; the user's sessions in this tenant are revoked and their `/staff` sockets closed on every instance",
  })
  remove(@Param('id', userId) id: string, @Req() req: Request): Promise<void> {
    return this.members.remove(actor(req), id, requestIdOf(req));
  }
}
