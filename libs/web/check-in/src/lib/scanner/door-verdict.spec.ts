import { DoorAnswer } from '../data-access/check-in.models';
import { doorVerdict, ticketToken } from './door-verdict';

const reservation = {
  reference: 'K7Q2P9',
  partySize: 3,
  performance: { id: 'p-1', title: 'Hamlet', startsAt: '2030-05-01T19:30:00Z' },
};
const time = (iso: string) => `T(${iso})`;
const verdict = (answer: Partial<DoorAnswer>) =>
  doorVerdict(
    { state: 'VALID', reservation, checkedInAt: null, ...answer },
    time,
  );

describe('doorVerdict', () => {
  it('is green with the party size when valid and when checked in', () => {
    expect(verdict({})).toEqual({
      tone: 'ok',
      headline: 'VALID',
      detail: 'Party of 3 people · K7Q2P9. Confirm to admit.',
    });
    expect(
      verdict({
        state: 'CHECKED_IN',
        reservation: { ...reservation, partySize: 1 },
      }),
    ).toMatchObject({
      tone: 'ok',
      detail: 'Admit 1 person · K7Q2P9.',
    });
  });

  it('is amber with the first time when already checked in', () => {
    expect(
      verdict({
        state: 'ALREADY_CHECKED_IN',
        checkedInAt: '2030-05-01T19:02:00Z',
      }),
    ).toEqual({
      tone: 'warn',
      headline: 'ALREADY CHECKED IN',
      detail:
        'First checked in at T(2030-05-01T19:02:00Z) · K7Q2P9. Do not admit again.',
    });
  });

  it('is red with the reason otherwise, and never needs a reservation', () => {
    for (const state of [
      'CANCELLED',
      'WRONG_PERFORMANCE',
      'OUTSIDE_WINDOW',
      'NOT_CONFIRMED',
      'TOKEN_INVALID',
    ] as const) {
      expect(verdict({ state }).tone).toBe('bad');
      expect(
        doorVerdict({ state, reservation: null, checkedInAt: null }, time)
          .detail,
      ).not.toContain('undefined');
    }
    expect(verdict({ state: 'WRONG_PERFORMANCE' }).detail).toBe(
      'This ticket is for Hamlet, T(2030-05-01T19:30:00Z).',
    );
    expect(verdict({ state: 'TOKEN_INVALID' }).headline).toBe('INVALID TICKET');
  });
});

describe('ticketToken', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789-';
  it('takes a bare token or the fragment of a ticket link', () => {
    expect(ticketToken(`  ${token}\n`)).toBe(token);
    expect(ticketToken(`https://foyer.example/ticket#t=${token}`)).toBe(token);
  });
  it('refuses anything else without calling the API', () => {
    expect(ticketToken('short')).toBeNull();
    expect(ticketToken('<script>alert(1)</script>')).toBeNull();
    expect(ticketToken('')).toBeNull();
  });
});
