import { formatMoney, formatWait } from './format';

describe('formatMoney', () => {
  it('formats minor units with the currency’s decimals', () => {
    expect(formatMoney(450, 'EUR', 'en-GB')).toBe('€4.50');
    expect(formatMoney(450, 'JPY', 'en-GB')).toBe('JP¥450');
    expect(formatMoney(1234, 'XXQ', 'en-GB')).toMatch(/12\.34/);
  });
});

describe('formatWait', () => {
  it.each([
    [null, 'a little while'],
    [0, 'a little while'],
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [840, '14 minutes'],
    [899, '15 minutes'],
  ])('%p → %p', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });

  it('says what the caller wants when the wait is unknown', () => {
    expect(formatWait(null, 'a moment')).toBe('a moment');
  });
});
