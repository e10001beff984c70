import { int, record } from '../paging/json';

/** A room of the venue (`/api/staff/rooms`). */
export interface Room {
  readonly id: string;
  readonly name: string;
  readonly capacity: number;
}

export interface RoomInput {
  readonly name: string;
  readonly capacity: number;
}

export function parseRoom(value: unknown): Room | null {
  const raw = record(value);
  const id = raw?.['id'];
  const name = raw?.['name'];
  if (typeof id !== 'string' || typeof name !== 'string') {
    return null;
  }
  return { id, name, capacity: int(raw?.['capacity']) };
}
