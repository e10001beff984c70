import { CHECK_IN_STATES, CheckInRefusal, isCheckInState } from './check-in';
import { ErrorCode } from './error-codes';

describe('check-in states', () => {
  it('are the states of docs/architecture.md, and the refused ones are error codes', () => {
    expect([...CHECK_IN_STATES].sort()).toEqual(
      [
        'VALID',
        'ALREADY_CHECKED_IN',
        'NOT_CONFIRMED',
        'CANCELLED',
        'WRONG_PERFORMANCE',
        'OUTSIDE_WINDOW',
        'TOKEN_INVALID',
        'CHECKED_IN',
      ].sort(),
    );
    for (const state of CHECK_IN_STATES.filter(
      (s) => s !== 'VALID' && s !== 'CHECKED_IN',
    )) {
      expect(Object.values(ErrorCode)).toContain(state);
    }
  });

  it('recognises only exact state names', () => {
    expect(isCheckInState('VALID')).toBe(true);
    expect(isCheckInState('valid')).toBe(false);
    expect(isCheckInState(undefined)).toBe(false);
  });

  it('reads a refusal with or without its state', () => {
    expect(
      CheckInRefusal.parse({
        code: 'ALREADY_CHECKED_IN',
        state: 'ALREADY_CHECKED_IN',
        checkedInAt: '2030-05-01T19:00:00.000Z',
        detail: 'x',
      }),
    ).toEqual({
      code: 'ALREADY_CHECKED_IN',
      state: 'ALREADY_CHECKED_IN',
      checkedInAt: '2030-05-01T19:00:00.000Z',
    });
    expect(CheckInRefusal.parse({ code: 'TOKEN_INVALID' })).toEqual({
      code: 'TOKEN_INVALID',
    });
    expect(
      CheckInRefusal.safeParse({ code: 'CONFLICT', state: 'MAYBE' }).success,
    ).toBe(false);
  });
});
