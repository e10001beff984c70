import { STATUS_CODES } from 'node:http';
import { ErrorCode } from '@foyer/contracts';
import { DomainError } from './domain-error';
import { ACCOUNT_TOKEN_INVALID_STATUS, ERROR_STATUS } from './error-status';
import { toProblem } from './problem-details';

describe('the status of each error code', () => {
  it('gives every contract code an HTTP error status, and names no other code', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual(
      Object.values(ErrorCode).sort(),
    );
    for (const status of Object.values(ERROR_STATUS)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(STATUS_CODES[status]).toBeDefined();
    }
  });

  it.each([
    [ErrorCode.VALIDATION_FAILED, 400],
    [ErrorCode.UNAUTHENTICATED, 401],
    [ErrorCode.CAPABILITY_INVALID, 401],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.CSRF_INVALID, 403],
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.TOKEN_INVALID, 404],
    [ErrorCode.SOLD_OUT, 409],
    [ErrorCode.IDEMPOTENCY_KEY_IN_USE, 409],
    [ErrorCode.TOKEN_EXPIRED, 410],
    [ErrorCode.IDEMPOTENCY_KEY_MISMATCH, 422],
    [ErrorCode.ACCOUNT_LOCKED, 429],
  ] as const)('answers %s with %i', (code, status) => {
    expect(ERROR_STATUS[code]).toBe(status);
    expect(new DomainError(code, 'detail').status).toBe(status);
  });

  it('lets an account token be 400 TOKEN_INVALID, as the contract says, and carries it to the problem', () => {
    const error = new DomainError(ErrorCode.TOKEN_INVALID, 'Not valid.', {
      status: ACCOUNT_TOKEN_INVALID_STATUS,
    });
    expect(error.status).toBe(400);
    expect(toProblem(error).body).toMatchObject({
      status: 400,
      code: ErrorCode.TOKEN_INVALID,
      title: 'Bad Request',
    });
  });
});
