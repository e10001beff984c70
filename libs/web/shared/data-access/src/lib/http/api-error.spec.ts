import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ErrorCode } from '@foyer/contracts';
import {
  ApiError,
  NETWORK_ERROR,
  parseRetryAfter,
  toApiError,
} from './api-error';

describe('toApiError', () => {
  it('reads a problem-details body', () => {
    const error = toApiError(
      new HttpErrorResponse({
        status: 400,
        error: {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'Some fields are invalid',
          code: ErrorCode.VALIDATION_FAILED,
          requestId: 'req-1',
          errors: [
            { field: 'email', message: 'must be an email' },
            { field: 3 },
          ],
        },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: ErrorCode.VALIDATION_FAILED,
      detail: 'Some fields are invalid',
      requestId: 'req-1',
      retryAfterSeconds: null,
    });
    expect(error.fieldErrors).toEqual([
      { field: 'email', message: 'must be an email' },
    ]);
    expect(error.fieldError('email')).toBe('must be an email');
  });

  it('parses a JSON string body and the Retry-After header', () => {
    const error = toApiError(
      new HttpErrorResponse({
        status: 429,
        error: JSON.stringify({
          code: ErrorCode.RATE_LIMITED,
          detail: 'Slow down',
        }),
        headers: new HttpHeaders({ 'Retry-After': '12' }),
      }),
    );
    expect(error).toMatchObject({
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds: 12,
    });
  });

  it('falls back to a code by status for a body that is not a problem', () => {
    expect(
      toApiError(new HttpErrorResponse({ status: 403, error: '<html>' })).code,
    ).toBe(ErrorCode.FORBIDDEN);
    expect(toApiError(new HttpErrorResponse({ status: 502 })).code).toBe(
      ErrorCode.INTERNAL,
    );
  });

  it('names network failures', () => {
    expect(toApiError(new HttpErrorResponse({ status: 0 })).code).toBe(
      NETWORK_ERROR,
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('-5')).toBeNull();
  });
});
