import { DinerSession, ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import {
  Capability,
  MIN_RENEW_DELAY_MS,
  RENEW_BEFORE_MS,
  renewalDelay,
} from './capability';

const NOW = Date.parse('2030-01-01T12:00:00Z');

const session = (cap: string, expiresInMs = 600_000): DinerSession => ({
  sessionCap: cap,
  expiresAt: new Date(NOW + expiresInMs).toISOString(),
  table: { label: 'Table 1' },
  venue: { slug: 'demo', name: 'Demo' },
});

const invalid = () =>
  new ApiError(401, ErrorCode.CAPABILITY_INVALID, 'expired');

describe('renewalDelay', () => {
  it('renews a minute before expiry', () => {
    expect(renewalDelay(new Date(NOW + 600_000).toISOString(), NOW)).toBe(
      600_000 - RENEW_BEFORE_MS,
    );
  });

  it('never schedules sooner than the floor, even for past or unreadable times', () => {
    expect(renewalDelay(new Date(NOW - 1000).toISOString(), NOW)).toBe(
      MIN_RENEW_DELAY_MS,
    );
    expect(renewalDelay('not a date', NOW)).toBe(MIN_RENEW_DELAY_MS);
  });
});

describe('Capability', () => {
  it('opens a session on first use and reuses it while it is fresh', async () => {
    const open = jest.fn().mockResolvedValue(session('cap-1'));
    const capability = new Capability(open, () => NOW);
    const seen: string[] = [];
    await capability.call(async (cap) => seen.push(cap));
    await capability.call(async (cap) => seen.push(cap));
    expect(seen).toEqual(['cap-1', 'cap-1']);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('renews before a call when the held capability is about to expire', async () => {
    const open = jest
      .fn()
      .mockResolvedValueOnce(session('old', 1000))
      .mockResolvedValueOnce(session('new'));
    const capability = new Capability(open, () => NOW);
    await capability.renew();
    await expect(capability.call(async (cap) => cap)).resolves.toBe('new');
  });

  it('reissues once on 401 CAPABILITY_INVALID and retries with the new capability', async () => {
    const open = jest
      .fn()
      .mockResolvedValueOnce(session('stale'))
      .mockResolvedValueOnce(session('fresh'));
    const capability = new Capability(open, () => NOW);
    const request = jest.fn(async (cap: string) => {
      if (cap === 'stale') throw invalid();
      return `ok with ${cap}`;
    });
    await expect(capability.call(request)).resolves.toBe('ok with fresh');
    expect(request.mock.calls.map(([cap]) => cap)).toEqual(['stale', 'fresh']);
    expect(capability.session?.sessionCap).toBe('fresh');
  });

  it('does not loop: a second refusal reaches the caller', async () => {
    const open = jest
      .fn()
      .mockResolvedValueOnce(session('a'))
      .mockResolvedValueOnce(session('b'));
    const capability = new Capability(open, () => NOW);
    await expect(
      capability.call(async () => {
        throw invalid();
      }),
    ).rejects.toMatchObject({ code: ErrorCode.CAPABILITY_INVALID });
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('passes other errors through without renewing', async () => {
    const open = jest.fn().mockResolvedValue(session('a'));
    const capability = new Capability(open, () => NOW);
    await expect(
      capability.call(async () => {
        throw new ApiError(409, ErrorCode.CART_EMPTY, 'empty');
      }),
    ).rejects.toMatchObject({ code: ErrorCode.CART_EMPTY });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('shares one /session call between concurrent refusals', async () => {
    let opened = 0;
    const open = jest.fn(async () => session(`cap-${++opened}`));
    const capability = new Capability(open, () => NOW);
    await capability.renew();
    const request = async (cap: string) => {
      if (cap === 'cap-1') throw invalid();
      return cap;
    };
    await expect(
      Promise.all([capability.call(request), capability.call(request)]),
    ).resolves.toEqual(['cap-2', 'cap-2']);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('reports a retired table (404) from the renewal', async () => {
    const open = jest
      .fn()
      .mockRejectedValue(new ApiError(404, ErrorCode.NOT_FOUND, 'gone'));
    const capability = new Capability(open, () => NOW);
    await expect(capability.call(async (cap) => cap)).rejects.toMatchObject({
      status: 404,
    });
  });
});
