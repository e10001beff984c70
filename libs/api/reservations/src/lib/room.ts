import { Row, integer, text } from '@foyer/api/platform/database';

/** A hall performances take place in; its capacity is the base of every seat count. */
export interface Room {
  id: string;
  name: string;
  capacity: number;
}

/** The select list `toRoom` reads. */
export const ROOM_COLUMNS = 'id, name, capacity';

/** The one mapper of `room` rows. */
export function toRoom(row: Row): Room {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    capacity: integer(row, 'capacity'),
  };
}
