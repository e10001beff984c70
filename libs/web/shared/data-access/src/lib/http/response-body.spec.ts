import { ErrorCode, Room } from '@foyer/contracts';
import { ApiError } from './api-error';
import { parseBody, parseItems, parsePage } from './response-body';

const hall = { id: 'r-1', name: 'Hall', capacity: 80 };

describe('reading answers with their contract schemas', () => {
  it('returns a body that reads and refuses one that does not, as INTERNAL', () => {
    expect(parseBody(Room, hall, 'room')).toEqual(hall);
    expect(() => parseBody(Room, { name: 'Hall' }, 'room')).toThrow(
      expect.objectContaining({
        code: ErrorCode.INTERNAL,
        detail: 'The server sent an unexpected room.',
      }),
    );
    expect(() => parseBody(Room, 'x', 'room')).toThrow(ApiError);
  });

  it('pages the rows that read, skipping the others', () => {
    expect(
      parsePage(
        Room,
        { items: [hall, { id: 'bad' }, null], nextCursor: 'c2' },
        'rooms',
      ),
    ).toEqual({ items: [hall], nextCursor: 'c2' });
  });

  it('refuses a body that is no page or list at all', () => {
    expect(() => parsePage(Room, { items: [hall] }, 'rooms')).toThrow(
      expect.objectContaining({
        detail: 'The server sent an unexpected list of rooms.',
      }),
    );
    expect(() => parseItems(Room, {}, 'rooms')).toThrow(ApiError);
    expect(parseItems(Room, { items: [hall, 'x'] }, 'rooms')).toEqual([hall]);
  });
});
