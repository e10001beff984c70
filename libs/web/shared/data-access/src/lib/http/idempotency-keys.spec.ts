import { ErrorCode } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR } from './api-error';
import { IdempotencyKeys } from './idempotency-keys';

describe('IdempotencyKeys', () => {
  it('reuses the key for the same body after an unstored failure', () => {
    const keys = new IdempotencyKeys();
    const first = keys.keyFor('add', { email: 'a@b.test' });
    keys.settle('add', new ApiError(0, NETWORK_ERROR, 'offline'));
    expect(keys.keyFor('add', { email: 'a@b.test' })).toBe(first);
    keys.settle(
      'add',
      new ApiError(503, ErrorCode.SERVICE_UNAVAILABLE, 'busy'),
    );
    expect(keys.keyFor('add', { email: 'a@b.test' })).toBe(first);
  });

  it('uses a new key for a changed body, after success and after a final error', () => {
    const keys = new IdempotencyKeys();
    const first = keys.keyFor('add', { email: 'a@b.test' });
    expect(keys.keyFor('add', { email: 'c@d.test' })).not.toBe(first);
    const second = keys.keyFor('add', { email: 'c@d.test' });
    keys.settle('add', new ApiError(409, ErrorCode.LAST_OWNER, 'last owner'));
    const third = keys.keyFor('add', { email: 'c@d.test' });
    expect(third).not.toBe(second);
    keys.settle('add');
    expect(keys.keyFor('add', { email: 'c@d.test' })).not.toBe(third);
  });
});
