import {
  BOOKING_STATES,
  BOOKING_STATUSES,
  Room,
  StaffPerformance,
} from './performances';

const hamlet = {
  id: 'p-1',
  title: 'Hamlet',
  roomId: 'r-1',
  startsAt: '2030-01-01T19:00:00.000Z',
  endsAt: '2030-01-01T21:00:00.000Z',
  checkInOpensAt: '2030-01-01T18:00:00.000Z',
  bookingOpensAt: null,
  bookingClosesAt: null,
  bookingStatus: 'open',
  additionalSeats: 0,
  manuallyOccupiedSeats: 0,
  maxPartySize: 6,
  capacity: 80,
  confirmedSeats: 4,
  seatsAvailable: 76,
};

describe('performance and room shapes', () => {
  it('keeps what the API sent and drops what the contract does not name', () => {
    expect(StaffPerformance.parse({ ...hamlet, bookingState: 'open' })).toEqual(
      hamlet,
    );
    expect(Room.parse({ id: 'r-1', name: 'Hall', capacity: 80 })).toEqual({
      id: 'r-1',
      name: 'Hall',
      capacity: 80,
    });
  });

  it('refuses bodies without the identifying fields or with a stored sold_out', () => {
    expect(StaffPerformance.safeParse({ id: 'p-1' }).success).toBe(false);
    expect(StaffPerformance.safeParse(null).success).toBe(false);
    expect(
      StaffPerformance.safeParse({ ...hamlet, bookingStatus: 'sold_out' })
        .success,
    ).toBe(false);
    expect(
      StaffPerformance.safeParse({ ...hamlet, startsAt: 'tomorrow' }).success,
    ).toBe(false);
    expect(Room.safeParse({ name: 'Hall' }).success).toBe(false);
    expect(
      Room.safeParse({ id: 'r-1', name: 'Hall', capacity: -1 }).success,
    ).toBe(false);
  });

  it('lets staff set every booking state but sold_out', () => {
    expect([...BOOKING_STATES].sort()).toEqual(
      [...BOOKING_STATUSES, 'sold_out'].sort(),
    );
  });
});
