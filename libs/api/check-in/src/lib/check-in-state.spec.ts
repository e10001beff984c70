import { CheckInState } from '@foyer/contracts';
import { checkInState, TicketFacts } from './check-in-state';

const opensAt = new Date('2025-06-01T18:00:00Z');
const endsAt = new Date('2025-06-01T21:30:00Z');
const during = new Date('2025-06-01T18:45:00Z');
const firstScan = new Date('2025-06-01T18:30:00Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const facts = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  reservationStatus: 'confirmed',
  checkedInAt: null,
  performanceId: 'perf-1',
  expectedPerformanceId: 'perf-1',
  checkInOpensAt: opensAt,
  endsAt,
  now: during,
  ...over,
});

describe('CheckInState', () => {
  it('names every state of the contract, each as its own value', () => {
    expect(Object.keys(CheckInState).sort()).toEqual(
      [
        'ALREADY_CHECKED_IN',
        'CANCELLED',
        'CHECKED_IN',
        'NOT_CONFIRMED',
        'OUTSIDE_WINDOW',
        'TOKEN_INVALID',
        'VALID',
        'WRONG_PERFORMANCE',
      ].sort(),
    );
    for (const [key, value] of Object.entries(CheckInState)) {
      expect(value).toBe(key);
    }
  });
});

describe('checkInState', () => {
  describe('each state', () => {
    it('VALID: confirmed, right performance, not yet in, inside the window', () => {
      expect(checkInState(facts())).toBe('VALID');
    });

    it('VALID without a performance chosen at the door', () => {
      expect(checkInState(facts({ expectedPerformanceId: undefined }))).toBe(
        'VALID',
      );
      expect(checkInState(facts({ expectedPerformanceId: null }))).toBe(
        'VALID',
      );
    });

    it('ALREADY_CHECKED_IN after a first scan', () => {
      expect(checkInState(facts({ checkedInAt: firstScan }))).toBe(
        'ALREADY_CHECKED_IN',
      );
    });

    it('NOT_CONFIRMED for a pending reservation', () => {
      expect(checkInState(facts({ reservationStatus: 'pending' }))).toBe(
        'NOT_CONFIRMED',
      );
    });

    it('NOT_CONFIRMED for an unknown status', () => {
      expect(
        checkInState(facts({ reservationStatus: 'approved' as 'confirmed' })),
      ).toBe('NOT_CONFIRMED');
    });

    it('CANCELLED for a cancelled reservation', () => {
      expect(checkInState(facts({ reservationStatus: 'cancelled' }))).toBe(
        'CANCELLED',
      );
    });

    it('WRONG_PERFORMANCE when the door scans for another performance', () => {
      expect(checkInState(facts({ expectedPerformanceId: 'perf-2' }))).toBe(
        'WRONG_PERFORMANCE',
      );
      expect(checkInState(facts({ expectedPerformanceId: '' }))).toBe(
        'WRONG_PERFORMANCE',
      );
    });

    it('OUTSIDE_WINDOW before opening and after the end', () => {
      expect(
        checkInState(facts({ now: new Date('2025-06-01T12:00:00Z') })),
      ).toBe('OUTSIDE_WINDOW');
      expect(
        checkInState(facts({ now: new Date('2025-06-02T00:00:00Z') })),
      ).toBe('OUTSIDE_WINDOW');
    });
  });

  describe('window boundaries: [checkInOpensAt, endsAt)', () => {
    it.each<[string, Date, string]>([
      ['1 ms before opening', ms(opensAt, -1), 'OUTSIDE_WINDOW'],
      ['exactly at opening', opensAt, 'VALID'],
      ['1 ms after opening', ms(opensAt, 1), 'VALID'],
      ['1 ms before the end', ms(endsAt, -1), 'VALID'],
      ['exactly at the end', endsAt, 'OUTSIDE_WINDOW'],
      ['1 ms after the end', ms(endsAt, 1), 'OUTSIDE_WINDOW'],
    ])('%s → %s', (_label, now, expected) => {
      expect(checkInState(facts({ now }))).toBe(expected);
    });

    it('has no valid instant when the window is empty or inverted', () => {
      expect(checkInState(facts({ checkInOpensAt: endsAt, now: endsAt }))).toBe(
        'OUTSIDE_WINDOW',
      );
      expect(
        checkInState(
          facts({ checkInOpensAt: endsAt, endsAt: opensAt, now: during }),
        ),
      ).toBe('OUTSIDE_WINDOW');
    });

    it('treats invalid dates as outside the window', () => {
      const invalid = new Date('not a date');
      expect(checkInState(facts({ now: invalid }))).toBe('OUTSIDE_WINDOW');
      expect(checkInState(facts({ checkInOpensAt: invalid }))).toBe(
        'OUTSIDE_WINDOW',
      );
      expect(checkInState(facts({ endsAt: invalid }))).toBe('OUTSIDE_WINDOW');
    });
  });

  describe('precedence: CANCELLED > WRONG_PERFORMANCE > NOT_CONFIRMED > ALREADY_CHECKED_IN > OUTSIDE_WINDOW', () => {
    const wrong = { expectedPerformanceId: 'perf-2' };
    const outside = { now: ms(endsAt, 1) };
    const checkedIn = { checkedInAt: firstScan };

    it('CANCELLED beats everything', () => {
      expect(
        checkInState(
          facts({
            reservationStatus: 'cancelled',
            ...wrong,
            ...checkedIn,
            ...outside,
          }),
        ),
      ).toBe('CANCELLED');
    });

    it('WRONG_PERFORMANCE beats not confirmed, already in and outside the window', () => {
      expect(
        checkInState(
          facts({ ...wrong, reservationStatus: 'pending', ...outside }),
        ),
      ).toBe('WRONG_PERFORMANCE');
      expect(checkInState(facts({ ...wrong, ...checkedIn, ...outside }))).toBe(
        'WRONG_PERFORMANCE',
      );
    });

    it('NOT_CONFIRMED beats already in and outside the window', () => {
      expect(
        checkInState(
          facts({ reservationStatus: 'pending', ...checkedIn, ...outside }),
        ),
      ).toBe('NOT_CONFIRMED');
    });

    it('ALREADY_CHECKED_IN beats outside the window, on both sides', () => {
      expect(checkInState(facts({ ...checkedIn, ...outside }))).toBe(
        'ALREADY_CHECKED_IN',
      );
      expect(checkInState(facts({ ...checkedIn, now: ms(opensAt, -1) }))).toBe(
        'ALREADY_CHECKED_IN',
      );
    });

    it('never answers TOKEN_INVALID or CHECKED_IN: those belong to the lookup and the write', () => {
      const statuses = ['pending', 'confirmed', 'cancelled'] as const;
      const seen = new Set<string>();
      for (const reservationStatus of statuses) {
        for (const checkedInAt of [null, firstScan]) {
          for (const expectedPerformanceId of [undefined, 'perf-1', 'perf-2']) {
            for (const now of [ms(opensAt, -1), during, endsAt]) {
              seen.add(
                checkInState(
                  facts({
                    reservationStatus,
                    checkedInAt,
                    expectedPerformanceId,
                    now,
                  }),
                ),
              );
            }
          }
        }
      }
      expect([...seen].sort()).toEqual(
        [
          'ALREADY_CHECKED_IN',
          'CANCELLED',
          'NOT_CONFIRMED',
          'OUTSIDE_WINDOW',
          'VALID',
          'WRONG_PERFORMANCE',
        ].sort(),
      );
    });
  });
});
