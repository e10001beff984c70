import { parsePerformance } from './performances.models';
import { parseRoom } from '../rooms/rooms.models';

describe('performance and room parsing', () => {
  it('keeps what the API sent and defaults missing numbers', () => {
    expect(
      parsePerformance({
        id: 'p-1',
        title: 'Hamlet',
        roomId: 'r-1',
        startsAt: '2030-01-01T19:00:00.000Z',
        endsAt: '2030-01-01T21:00:00.000Z',
        checkInOpensAt: '2030-01-01T18:00:00.000Z',
        bookingOpensAt: null,
        bookingStatus: 'open',
        seatsAvailable: 12,
      }),
    ).toMatchObject({
      id: 'p-1',
      bookingOpensAt: null,
      bookingClosesAt: null,
      bookingStatus: 'open',
      seatsAvailable: 12,
      additionalSeats: 0,
    });
  });

  it('refuses bodies without the identifying fields', () => {
    expect(parsePerformance({ id: 'p-1' })).toBeNull();
    expect(parsePerformance(null)).toBeNull();
    expect(parseRoom({ id: 'r-1', name: 'Hall', capacity: 80 })).toEqual({
      id: 'r-1',
      name: 'Hall',
      capacity: 80,
    });
    expect(parseRoom({ name: 'Hall' })).toBeNull();
  });
});
