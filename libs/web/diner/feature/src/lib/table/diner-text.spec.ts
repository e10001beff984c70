import { ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import { describeDinerError, statusText } from './diner-text';

describe('diner text', () => {
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
