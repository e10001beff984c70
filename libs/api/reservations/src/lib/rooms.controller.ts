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
import { ApiTags } from '@nestjs/swagger';
import { Page, Permission, Room as RoomView } from '@foyer/contracts';
import { requestIdOf, resourceId } from '@foyer/api/platform/http';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '@foyer/api/platform/paging';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { CreateRoomDto, UpdateRoomDto } from './dto/room.dto';
import { Room } from './room';
import { Actor, RoomsService } from './rooms.service';

const view = (room: Room): RoomView => ({
  id: room.id,
  name: room.name,
  capacity: room.capacity,
});

/** An id that is not a UUID names nothing: 404, like another tenant's id. */

/** Who acts, for the audit log. */
export const actorOf = (req: Request): Actor => ({
  actorId: principalOf(req)?.sub,
  requestId: requestIdOf(req),
});

@ApiTags('staff: rooms')
@Controller('api/staff/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  async list(@Query() query: PageQueryDto): Promise<Page<RoomView>> {
    const page = await this.rooms.list(
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor,
    );
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  async get(@Param('id', resourceId) id: string): Promise<RoomView> {
    return view(await this.rooms.find(id));
  }

  @Post()
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  async create(
    @Body() body: CreateRoomDto,
    @Req() req: Request,
  ): Promise<RoomView> {
    return view(await this.rooms.create(body, actorOf(req)));
  }

  @Patch(':id')
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  async update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdateRoomDto,
    @Req() req: Request,
  ): Promise<RoomView> {
    return view(await this.rooms.update(id, body, actorOf(req)));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  remove(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<void> {
    return this.rooms.remove(id, actorOf(req));
  }
}
