import { ReservationStatus } from '@foyer/contracts';
import {
  ReservationFacts,
  anonymiseTransition,
  cancelTransition,
  checkInTransition,
  confirmTransition,
  undoCheckInTransition,
} from './reservation-state';

const facts = (
  status: ReservationStatus,
  marks: Partial<ReservationFacts> = {},
): ReservationFacts => ({
  status,
  checkedInAt: null,
  anonymisedAt: null,
  ...marks,
});
const at = new Date('2026-12-05T19:30:00Z');
const before = new Date('2026-12-05T19:29:59Z');
const kind = (t: { kind: string; refusal?: { code: string } }) =>
  t.kind === 'refuse' ? `refuse ${t.refusal?.code}` : t.kind;

describe('the reservation state machine', () => {
  it('confirms a pending booking, repeats a confirmed one, refuses a cancelled one', () => {
    expect(confirmTransition(facts('pending'))).toEqual({
      kind: 'apply',
      to: 'confirmed',
    });
    expect(kind(confirmTransition(facts('confirmed')))).toBe('repeat');
    expect(kind(confirmTransition(facts('cancelled')))).toBe(
      'refuse RESERVATION_CANCELLED',
    );
  });

  it.each([
    ['pending', 'staff', 'apply'],
    ['confirmed', 'staff', 'apply'],
    ['cancelled', 'staff', 'repeat'],
    ['confirmed', 'visitor', 'apply'],
    ['cancelled', 'visitor', 'repeat'],
    ['pending', 'erase', 'apply'],
    ['confirmed', 'erase', 'repeat'],
    ['cancelled', 'erase', 'repeat'],
  ] as const)('cancels %s by %s: %s', (status, by, expected) => {
    expect(
      kind(cancelTransition(facts(status), by, { startsAt: at }, before)),
    ).toBe(expected);
  });

  it('refuses the visitor a first cancel once the show has started, never a repeat; staff may', () => {
    expect(
      kind(
        cancelTransition(facts('confirmed'), 'visitor', { startsAt: at }, at),
      ),
    ).toBe('refuse CANCEL_CLOSED');
    expect(kind(cancelTransition(facts('confirmed'), 'visitor'))).toBe(
      'refuse CANCEL_CLOSED',
    );
    expect(
      kind(
        cancelTransition(facts('cancelled'), 'visitor', { startsAt: at }, at),
      ),
    ).toBe('repeat');
    expect(
      kind(cancelTransition(facts('confirmed'), 'staff', { startsAt: at }, at)),
    ).toBe('apply');
  });

  it('admits a confirmed booking once, never a pending or cancelled one', () => {
    expect(kind(checkInTransition(facts('confirmed')))).toBe('apply');
    expect(
      kind(checkInTransition(facts('confirmed', { checkedInAt: at }))),
    ).toBe('repeat');
    expect(kind(checkInTransition(facts('pending')))).toBe(
      'refuse NOT_CONFIRMED',
    );
    expect(kind(checkInTransition(facts('cancelled')))).toBe(
      'refuse CANCELLED',
    );
  });

  it('undoes an admission only when there is one', () => {
    expect(
      kind(undoCheckInTransition(facts('confirmed', { checkedInAt: at }))),
    ).toBe('apply');
    expect(kind(undoCheckInTransition(facts('confirmed')))).toBe(
      'refuse CONFLICT',
    );
  });

  it('anonymises once, in any state', () => {
    for (const status of ['pending', 'confirmed', 'cancelled'] as const) {
      expect(kind(anonymiseTransition(facts(status)))).toBe('apply');
      expect(
        kind(anonymiseTransition(facts(status, { anonymisedAt: at }))),
      ).toBe('repeat');
    }
  });
});
