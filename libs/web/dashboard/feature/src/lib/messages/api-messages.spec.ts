import { ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import { describeApiError } from './api-messages';

describe('describeApiError', () => {
  it('words rate limits with the wait and hides server internals behind a request id', () => {
    expect(
      describeApiError(
        new ApiError(429, ErrorCode.RATE_LIMITED, 'x', [], null, 20),
      ),
    ).toBe('Too many requests. Try again in 20 seconds.');
    expect(
      describeApiError(
        new ApiError(500, ErrorCode.INTERNAL, 'stack', [], 'req-9'),
      ),
    ).toContain('req-9');
    expect(
      describeApiError(new ApiError(500, ErrorCode.INTERNAL, 'stack')),
    ).not.toContain('stack');
  });
});
