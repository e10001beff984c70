import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ErrorCode, Page, Permission } from '@foyer/contracts';
import {
  DEFAULT_PAGE_SIZE,
  DomainError,
  PageQueryDto,
  TenantContext,
  decodeCursor,
  definedFields,
  encodeCursor,
  notFound,
  requestIdOf,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { CreateRoomDto, UpdateRoomDto } from './dto/room.dto';
import { Room } from './entities/room.entity';

export interface RoomView {
  id: string;
  name: string;
  capacity: number;
}

const view = (room: Room): RoomView => ({
  id: room.id,
  name: room.name,
  capacity: room.capacity,
});
/** An id that is not a UUID names nothing: 404, like another tenant's id. */
export const resourceId = new ParseUUIDPipe({
  exceptionFactory: () => notFound(),
});

@ApiTags('staff: rooms')
@Controller('api/staff/rooms')
export class RoomsController {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  async list(@Query() query: PageQueryDto): Promise<Page<RoomView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, /^[0-9a-f-]{36}$/);
    const qb = this.context.manager
      .createQueryBuilder(Room, 'r')
      .orderBy('r.id')
      .limit(limit + 1);
    if (query.cursor !== undefined)
      qb.where('r.id > :after', {
        after: after ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff',
      });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map(view),
      nextCursor:
        rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  @Get(':id')
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  async get(@Param('id', resourceId) id: string): Promise<RoomView> {
    return view(await this.find(id));
  }

  @Post()
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  async create(
    @Body() body: CreateRoomDto,
    @Req() req: Request,
  ): Promise<RoomView> {
    const room = this.context.manager.create(Room, {
      ...body,
      tenantId: this.context.tenantId as string,
    });
    await this.context.manager.save(room);
    await this.record('room.created', room.id, req);
    return view(room);
  }

  @Patch(':id')
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  async update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdateRoomDto,
    @Req() req: Request,
  ): Promise<RoomView> {
    const room = await this.find(id);
    Object.assign(room, definedFields(body));
    await this.context.manager.save(room);
    await this.record('room.updated', id, req);
    return view(room);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  async remove(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<void> {
    await this.find(id);
    const [{ used }] = (await this.context.manager.query(
      'SELECT EXISTS (SELECT 1 FROM performance WHERE room_id = $1) AS used',
      [id],
    )) as { used: boolean }[];
    if (used) {
      throw new DomainError(
        409,
        ErrorCode.CONFLICT,
        'Performances use this room; move or remove them first.',
      );
    }
    await this.context.manager.delete(Room, { id });
    await this.record('room.deleted', id, req);
  }

  private async find(id: string): Promise<Room> {
    const room = await this.context.manager.findOneBy(Room, { id });
    if (!room) {
      throw notFound('No room has this id.');
    }
    return room;
  }

  private record(action: string, id: string, req: Request) {
    return this.audit.record({
      action,
      actorId: principalOf(req)?.sub,
      targetType: 'room',
      targetId: id,
      requestId: requestIdOf(req),
    });
  }
}
