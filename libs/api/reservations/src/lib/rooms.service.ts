import { Injectable } from '@nestjs/common';
import { ErrorCode, Page } from '@foyer/contracts';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { definedFields } from '@foyer/api/platform/http';
import { decodeCursor, encodeCursor } from '@foyer/api/platform/paging';
import { AuditLog } from '@foyer/api/audit';
import { CreateRoomDto, UpdateRoomDto } from './dto/room.dto';
import { PerformanceRepository } from './performance.repository';
import { Room } from './room';
import { RoomRepository } from './room.repository';

/** Who acts, for the audit log. */
export interface Actor {
  actorId?: string;
  requestId: string;
}

const UUID_CURSOR = /^[0-9a-f-]{36}$/;

/** Staff management of rooms. Runs inside the request's tenant transaction. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly performances: PerformanceRepository,
    private readonly audit: AuditLog,
  ) {}

  /** By id; a cursor that does not decode continues after everything: an empty page. */
  async list(limit: number, cursor?: string): Promise<Page<Room>> {
    const after = decodeCursor(cursor, UUID_CURSOR);
    const rows = await this.rooms.page(
      cursor === undefined
        ? null
        : (after ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      items: page,
      nextCursor:
        rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  async find(id: string): Promise<Room> {
    const room = await this.rooms.find(id);
    if (!room) {
      throw notFound('No room has this id.');
    }
    return room;
  }

  async create(input: CreateRoomDto, actor: Actor): Promise<Room> {
    const room = await this.rooms.insert({
      name: input.name,
      capacity: input.capacity,
    });
    await this.record('room.created', room.id, actor);
    return room;
  }

  async update(id: string, input: UpdateRoomDto, actor: Actor): Promise<Room> {
    const { name, capacity } = definedFields(input);
    const room = await this.rooms.update(id, { name, capacity });
    if (!room) {
      throw notFound('No room has this id.');
    }
    await this.record('room.updated', id, actor);
    return room;
  }

  /** 409 while performances use the room: they must move or go first. */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.find(id);
    if (await this.performances.usesRoom(id)) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        'Performances use this room; move or remove them first.',
      );
    }
    await this.rooms.delete(id);
    await this.record('room.deleted', id, actor);
  }

  private record(action: string, id: string, actor: Actor) {
    return this.audit.record({
      action,
      actorId: actor.actorId,
      targetType: 'room',
      targetId: id,
      requestId: actor.requestId,
    });
  }
}
