import {
  clientError,
  performanceForm,
  toFormValue,
  toPerformanceInput,
} from './performance-form';

const local = (iso: string) => new Date(iso).toISOString();

describe('performance form', () => {
  it('converts local date-times to ISO and empty booking bounds to null', () => {
    const form = performanceForm();
    form.setValue({
      title: '  Hamlet ',
      roomId: 'r-1',
      startsAt: '2030-05-01T19:30',
      endsAt: '2030-05-01T22:00',
      checkInOpensAt: '',
      bookingOpensAt: '2030-04-01T09:00',
      bookingClosesAt: '',
      bookingStatus: 'open',
      additionalSeats: 2,
      manuallyOccupiedSeats: 1,
      maxPartySize: 4,
    });
    expect(form.valid).toBe(true);
    expect(toPerformanceInput(form.getRawValue())).toEqual({
      title: 'Hamlet',
      roomId: 'r-1',
      startsAt: local('2030-05-01T19:30'),
      endsAt: local('2030-05-01T22:00'),
      bookingOpensAt: local('2030-04-01T09:00'),
      bookingClosesAt: null,
      bookingStatus: 'open',
      additionalSeats: 2,
      manuallyOccupiedSeats: 1,
      maxPartySize: 4,
    });
  });

  it('round-trips a performance from the API', () => {
    const performance = {
      id: 'p-1',
      title: 'Hamlet',
      roomId: 'r-1',
      startsAt: local('2030-05-01T19:30'),
      endsAt: local('2030-05-01T22:00'),
      checkInOpensAt: local('2030-05-01T18:30'),
      bookingOpensAt: null,
      bookingClosesAt: local('2030-05-01T18:00'),
      bookingStatus: 'closed' as const,
      additionalSeats: 0,
      manuallyOccupiedSeats: 3,
      maxPartySize: 6,
      capacity: 100,
      confirmedSeats: 10,
      seatsAvailable: 87,
    };
    const input = toPerformanceInput(toFormValue(performance));
    expect(input).toMatchObject({
      startsAt: performance.startsAt,
      checkInOpensAt: performance.checkInOpensAt,
      bookingOpensAt: null,
      bookingClosesAt: performance.bookingClosesAt,
      manuallyOccupiedSeats: 3,
    });
  });

  it('names missing fields, bad numbers and times out of order', () => {
    const form = performanceForm();
    expect(clientError(form, 'title')).toBe('Enter the title.');
    expect(clientError(form, 'roomId')).toBe('Choose a room.');
    form.patchValue({
      startsAt: '2030-05-01T19:30',
      endsAt: '2030-05-01T19:00',
      maxPartySize: 51,
      additionalSeats: -1,
    });
    expect(clientError(form, 'endsAt')).toBe('End must be after the start.');
    expect(clientError(form, 'maxPartySize')).toBe(
      'A whole number from 1 to 50.',
    );
    expect(clientError(form, 'additionalSeats')).toBe(
      'A whole number from 0 to 100000.',
    );
    form.patchValue({
      bookingOpensAt: '2030-04-02T00:00',
      bookingClosesAt: '2030-04-01T00:00',
    });
    expect(clientError(form, 'bookingClosesAt')).toBe(
      'Booking closes must be after booking opens.',
    );
  });
});
