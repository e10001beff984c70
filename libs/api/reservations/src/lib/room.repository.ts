import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
  integer,
} from '@foyer/api/platform/database';
import { ROOM_COLUMNS, Room, toRoom } from './room';

export type RoomChanges = Partial<Pick<Room, 'name' | 'capacity'>>;

/** Field → column of what an update may change (a fixed list: nothing else reaches the SQL). */
const COLUMN: Readonly<Record<keyof RoomChanges, string>> = {
  name: 'name',
  capacity: 'capacity',
};

/** The one reader and writer of `room`; every statement names the tenant as $1. */
@Injectable()
export class RoomRepository extends TenantScopedRepository {
  // Its own constructor, so Nest reads the TenantContext parameter of this class.
  constructor(context: TenantContext) {
    super(context);
  }

  /** Up to `limit` rooms with an id after `afterId`, in id order. */
  page(afterId: string | null, limit: number): Promise<Room[]> {
    return this.select(
      `SELECT ${ROOM_COLUMNS} FROM room
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [afterId, limit],
      toRoom,
    );
  }

  find(id: string): Promise<Room | null> {
    return this.first(
      `SELECT ${ROOM_COLUMNS} FROM room WHERE tenant_id = $1 AND id = $2`,
      [id],
      toRoom,
    );
  }

  async count(): Promise<number> {
    const counted = await this.first(
      'SELECT count(*)::int AS rooms FROM room WHERE tenant_id = $1',
      [],
      (row) => integer(row, 'rooms'),
    );
    return counted ?? 0;
  }

  async insert(room: Omit<Room, 'id'>): Promise<Room> {
    const [inserted] = await this.select(
      `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, $2, $3)
       RETURNING ${ROOM_COLUMNS}`,
      [room.name, room.capacity],
      toRoom,
    );
    return inserted;
  }

  /** Changes exactly the given fields; null when the room is not the tenant's. */
  update(id: string, changes: RoomChanges): Promise<Room | null> {
    const set: string[] = [];
    const params: unknown[] = [id];
    for (const field of Object.keys(COLUMN) as (keyof RoomChanges)[]) {
      if (changes[field] !== undefined) {
        params.push(changes[field]);
        set.push(`${COLUMN[field]} = $${params.length + 1}`);
      }
    }
    set.push('updated_at = now()');
    return this.first(
      `UPDATE room SET ${set.join(', ')} WHERE tenant_id = $1 AND id = $2
       RETURNING ${ROOM_COLUMNS}`,
      params,
      toRoom,
    );
  }

  /** How many rows went (0 or 1). A room that performances use cannot go (foreign key). */
  delete(id: string): Promise<number> {
    return this.execute('DELETE FROM room WHERE tenant_id = $1 AND id = $2', [
      id,
    ]);
  }
}
