import { formatMoney, minorDigits } from './format-money';

describe('formatMoney', () => {
  it('formats minor units with the currency’s decimals', () => {
    expect(formatMoney(450, 'EUR', 'en-GB')).toBe('€4.50');
    expect(formatMoney(450, 'JPY', 'en-GB')).toBe('JP¥450');
    expect(formatMoney(1450, 'BHD', 'en-GB')).toMatch(/1\.450/);
    expect(formatMoney(1234, 'XXQ', 'en-GB')).toMatch(/12\.34/);
  });

  it('still shows the amount for a malformed currency code', () => {
    expect(formatMoney(1234, 'EURO', 'en-GB')).toBe('12.34 EURO');
  });
});

describe('minorDigits', () => {
  it('knows each currency’s minor unit, 2 when Intl refuses the code', () => {
    expect([
      minorDigits('EUR'),
      minorDigits('JPY'),
      minorDigits('BHD'),
      minorDigits('EURO'),
    ]).toEqual([2, 0, 3, 2]);
  });
});
