import { ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import { describeDinerError, formatMoney, statusText } from './diner-text';

describe('diner text', () => {
  it('formats minor units with the currency’s decimals', () => {
    expect(formatMoney(450, 'EUR', 'en-GB')).toBe('€4.50');
    expect(formatMoney(450, 'JPY', 'en-GB')).toBe('JP¥450');
    expect(formatMoney(1234, 'XXQ', 'en-GB')).toMatch(/12\.34/);
  });

  it('names every status and explains the contract errors', () => {
    expect(statusText('preparing')).toBe('Being prepared');
    expect(
      describeDinerError(new ApiError(409, ErrorCode.CART_EMPTY, 'x')),
    ).toContain('empty');
    expect(
      describeDinerError(
        new ApiError(429, ErrorCode.RATE_LIMITED, 'x', [], null, 30),
      ),
    ).toContain('30 seconds');
    expect(
      describeDinerError(new ApiError(409, ErrorCode.ITEM_UNAVAILABLE, 'x')),
    ).toContain('no longer available');
  });
});
