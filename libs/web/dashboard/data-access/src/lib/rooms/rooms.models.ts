import { RoomRequest } from '@foyer/contracts';

/** A room of the venue (`/api/staff/rooms`). */
export type { Room } from '@foyer/contracts';

export type RoomInput = Readonly<RoomRequest>;
