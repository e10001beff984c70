import {
  BookablePerformance,
  bookingState,
  fitsParty,
  isValidPartySize,
  seatsAvailable,
} from './availability';

describe('seatsAvailable', () => {
  const base = {
    capacity: 100,
    additionalSeats: 0,
    manuallyOccupiedSeats: 0,
    confirmedSeats: 0,
  };

  it('is capacity + additional − occupied − confirmed', () => {
    expect(seatsAvailable(base)).toBe(100);
    expect(
      seatsAvailable({
        capacity: 100,
        additionalSeats: 10,
        manuallyOccupiedSeats: 5,
        confirmedSeats: 30,
      }),
    ).toBe(75);
  });

  it('reaches exactly zero when full', () => {
    expect(
      seatsAvailable({
        capacity: 50,
        additionalSeats: 2,
        manuallyOccupiedSeats: 2,
        confirmedSeats: 50,
      }),
    ).toBe(0);
  });

  it('never goes below zero when staff occupy more than is left', () => {
    expect(
      seatsAvailable({
        ...base,
        manuallyOccupiedSeats: 80,
        confirmedSeats: 30,
      }),
    ).toBe(0);
    expect(
      seatsAvailable({
        capacity: 0,
        additionalSeats: 0,
        manuallyOccupiedSeats: 0,
        confirmedSeats: 1,
      }),
    ).toBe(0);
  });

  it('handles a room of zero capacity with only additional seats', () => {
    expect(
      seatsAvailable({
        capacity: 0,
        additionalSeats: 12,
        manuallyOccupiedSeats: 0,
        confirmedSeats: 4,
      }),
    ).toBe(8);
  });

  it.each([
    ['negative capacity', { capacity: -1 }],
    ['negative additional seats', { additionalSeats: -5 }],
    ['negative occupied seats', { manuallyOccupiedSeats: -5 }],
    ['negative confirmed seats', { confirmedSeats: -1 }],
    ['fractional capacity', { capacity: 10.5 }],
    ['NaN', { confirmedSeats: NaN }],
    ['Infinity', { additionalSeats: Infinity }],
  ])('refuses %s instead of inventing seats', (_label, change) => {
    expect(() => seatsAvailable({ ...base, ...change })).toThrow(RangeError);
  });
});

describe('bookingState', () => {
  const startsAt = new Date('2025-06-01T19:00:00Z');
  const opensAt = new Date('2025-05-01T09:00:00Z');
  const closesAt = new Date('2025-06-01T17:00:00Z');
  const perf = (
    over: Partial<BookablePerformance> = {},
  ): BookablePerformance => ({
    bookingStatus: 'open',
    bookingOpensAt: opensAt,
    bookingClosesAt: closesAt,
    startsAt,
    seatsAvailable: 10,
    ...over,
  });
  const at = (iso: string) => new Date(iso);
  const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

  it('is open inside the window with seats', () => {
    expect(bookingState(perf(), at('2025-05-15T12:00:00Z'))).toBe('open');
  });

  it('opens at exactly bookingOpensAt (inclusive)', () => {
    expect(bookingState(perf(), ms(opensAt, -1))).toBe('closed');
    expect(bookingState(perf(), opensAt)).toBe('open');
  });

  it('closes at exactly bookingClosesAt (exclusive)', () => {
    expect(bookingState(perf(), ms(closesAt, -1))).toBe('open');
    expect(bookingState(perf(), closesAt)).toBe('closed');
  });

  it('closes at exactly startsAt when there is no close time', () => {
    const p = perf({ bookingClosesAt: null });
    expect(bookingState(p, ms(startsAt, -1))).toBe('open');
    expect(bookingState(p, startsAt)).toBe('closed');
    expect(bookingState(p, ms(startsAt, 3_600_000))).toBe('closed');
  });

  it('honours an explicit close time after the start', () => {
    const p = perf({ bookingClosesAt: ms(startsAt, 3_600_000) });
    expect(bookingState(p, ms(startsAt, 60_000))).toBe('open');
  });

  it('is open from the start when there is no opening time', () => {
    expect(
      bookingState(perf({ bookingOpensAt: null }), at('2000-01-01T00:00:00Z')),
    ).toBe('open');
  });

  it('is sold out inside the window with no seats', () => {
    expect(
      bookingState(perf({ seatsAvailable: 0 }), at('2025-05-15T12:00:00Z')),
    ).toBe('sold_out');
  });

  it('is open with exactly one seat left', () => {
    expect(
      bookingState(perf({ seatsAvailable: 1 }), at('2025-05-15T12:00:00Z')),
    ).toBe('open');
  });

  it('reads a nonsensical seat count as sold out', () => {
    expect(
      bookingState(perf({ seatsAvailable: NaN }), at('2025-05-15T12:00:00Z')),
    ).toBe('sold_out');
    expect(
      bookingState(perf({ seatsAvailable: -3 }), at('2025-05-15T12:00:00Z')),
    ).toBe('sold_out');
  });

  it('reports closed rather than sold out outside the window', () => {
    expect(bookingState(perf({ seatsAvailable: 0 }), ms(opensAt, -1))).toBe(
      'closed',
    );
    expect(bookingState(perf({ seatsAvailable: 0 }), closesAt)).toBe('closed');
  });

  it('reports closed when staff closed booking, whatever the window or seats', () => {
    expect(
      bookingState(
        perf({ bookingStatus: 'closed' }),
        at('2025-05-15T12:00:00Z'),
      ),
    ).toBe('closed');
    expect(
      bookingState(
        perf({ bookingStatus: 'closed', seatsAvailable: 0 }),
        at('2025-05-15T12:00:00Z'),
      ),
    ).toBe('closed');
  });

  it('reports cancelled above everything else', () => {
    for (const now of [ms(opensAt, -1), at('2025-05-15T12:00:00Z'), closesAt]) {
      expect(
        bookingState(
          perf({ bookingStatus: 'cancelled', seatsAvailable: 0 }),
          now,
        ),
      ).toBe('cancelled');
    }
  });

  it('fails closed on an unknown status or invalid dates', () => {
    const inside = at('2025-05-15T12:00:00Z');
    expect(
      bookingState(perf({ bookingStatus: 'sold_out' as 'open' }), inside),
    ).toBe('closed');
    expect(
      bookingState(perf({ bookingOpensAt: new Date('nope') }), inside),
    ).toBe('closed');
    expect(
      bookingState(perf({ bookingClosesAt: new Date('nope') }), inside),
    ).toBe('closed');
    expect(
      bookingState(
        perf({ bookingClosesAt: null, startsAt: new Date('nope') }),
        inside,
      ),
    ).toBe('closed');
    expect(bookingState(perf(), new Date('nope'))).toBe('closed');
  });

  it('is closed when the window is empty or inverted', () => {
    const p = perf({ bookingOpensAt: closesAt, bookingClosesAt: opensAt });
    expect(bookingState(p, at('2025-05-15T12:00:00Z'))).toBe('closed');
    expect(bookingState(perf({ bookingOpensAt: closesAt }), closesAt)).toBe(
      'closed',
    );
  });
});

describe('fitsParty', () => {
  it('fits when the party is at most the seats available', () => {
    expect(fitsParty(2, 10, 8)).toBe(true);
    expect(fitsParty(4, 4, 8)).toBe(true);
    expect(fitsParty(5, 4, 8)).toBe(false);
  });

  it('fits a party of exactly maxPartySize, not one more', () => {
    expect(fitsParty(8, 100, 8)).toBe(true);
    expect(fitsParty(9, 100, 8)).toBe(false);
  });

  it('never fits into zero seats', () => {
    expect(fitsParty(1, 0, 8)).toBe(false);
  });

  it.each([0, -1, 1.5, NaN, Infinity])('refuses the party size %p', (size) => {
    expect(fitsParty(size, 100, 8)).toBe(false);
  });

  it('refuses when availability is not a number', () => {
    expect(fitsParty(1, NaN, 8)).toBe(false);
    expect(fitsParty(1, Infinity, 8)).toBe(false);
  });

  it('tells an invalid party size apart from a full house', () => {
    expect(isValidPartySize(9, 8)).toBe(false);
    expect(isValidPartySize(8, 8)).toBe(true);
    expect(isValidPartySize(1, NaN)).toBe(false);
    expect(isValidPartySize(3, 8) && !fitsParty(3, 2, 8)).toBe(true);
  });
});
