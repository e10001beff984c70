import { isNewerOrder, nextOrderStatus } from './ordering';

describe('ordering contract helpers', () => {
  it('steps forward one status at a time and stops at the final ones', () => {
    expect(nextOrderStatus('received')).toBe('accepted');
    expect(nextOrderStatus('ready')).toBe('served');
    expect(nextOrderStatus('served')).toBeNull();
    expect(nextOrderStatus('cancelled')).toBeNull();
  });

  it('prefers the newer updatedAt, then the status further along', () => {
    const at = (
      iso: string,
      status: 'received' | 'accepted' | 'cancelled',
    ) => ({
      updatedAt: iso,
      status,
    });
    expect(
      isNewerOrder(
        at('2030-01-01T00:00:01Z', 'received'),
        at('2030-01-01T00:00:00Z', 'accepted'),
      ),
    ).toBe(true);
    expect(
      isNewerOrder(
        at('2030-01-01T00:00:00Z', 'accepted'),
        at('2030-01-01T00:00:01Z', 'received'),
      ),
    ).toBe(false);
    expect(
      isNewerOrder(
        at('2030-01-01T00:00:00Z', 'cancelled'),
        at('2030-01-01T00:00:00Z', 'accepted'),
      ),
    ).toBe(true);
    expect(
      isNewerOrder(
        at('2030-01-01T00:00:00Z', 'accepted'),
        at('2030-01-01T00:00:00Z', 'accepted'),
      ),
    ).toBe(false);
  });
});
