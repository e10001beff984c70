import { Injectable, inject } from '@angular/core';
import { ApiError } from '@foyer/web/data-access';
import { Mutations } from '../paging/mutations';
import { PagedList } from '../paging/paged-list';
import { RoomsApi } from './rooms.api';
import { Room, RoomInput } from './rooms.models';

/** State of the rooms page; provide it on the page. Mutations resolve to the ApiError or null. */
@Injectable()
export class RoomsStore {
  private readonly api = inject(RoomsApi);
  private readonly mutations = new Mutations();

  readonly list = new PagedList<Room>((cursor) => this.api.list(cursor));

  isBusy(id: string): boolean {
    return this.mutations.isBusy(id);
  }

  async create(input: RoomInput): Promise<ApiError | null> {
    const result = await this.mutations.run('create', input, (key) =>
      this.api.create(input, key),
    );
    if (result instanceof ApiError) {
      return result;
    }
    this.list.upsert(result);
    return null;
  }

  async update(room: Room, input: RoomInput): Promise<ApiError | null> {
    const result = await this.mutations.run(
      `update:${room.id}`,
      input,
      (key) => this.api.update(room.id, input, key),
      room.id,
    );
    if (result instanceof ApiError) {
      return result;
    }
    this.list.upsert(result);
    return null;
  }

  async remove(room: Room): Promise<ApiError | null> {
    const result = await this.mutations.run(
      `remove:${room.id}`,
      null,
      (key) => this.api.remove(room.id, key),
      room.id,
    );
    if (result instanceof ApiError) {
      return result;
    }
    this.list.remove(room.id);
    return null;
  }
}
