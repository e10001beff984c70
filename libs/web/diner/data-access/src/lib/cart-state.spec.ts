import { Cart } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import { CartState } from './cart-state';

const cart = (lines: Record<string, number>): Cart => ({
  lines: Object.entries(lines).map(([menuItemId, quantity]) => ({
    menuItemId,
    name: menuItemId,
    quantity,
    unitPriceCents: 500,
    note: null,
    available: true,
  })),
  totalCents: Object.values(lines).reduce((sum, q) => sum + q * 500, 0),
  currency: 'EUR',
});

/** A fake server: holds lines, answers each PUT when released. */
function server() {
  const lines: Record<string, number> = {};
  const calls: [string, number][] = [];
  const waiting: (() => void)[] = [];
  const put = (itemId: string, quantity: number) => {
    calls.push([itemId, quantity]);
    return new Promise<Cart>((resolve) =>
      waiting.push(() => {
        if (quantity === 0) delete lines[itemId];
        else lines[itemId] = quantity;
        resolve(cart(lines));
      }),
    );
  };
  const release = async () => {
    while (waiting.length) {
      waiting.shift()?.();
      await Promise.resolve();
      await Promise.resolve();
    }
  };
  return { put, calls, release, lines };
}

describe('CartState', () => {
  it('shows the wanted quantity at once and the server cart after the answer', async () => {
    const fake = server();
    const state = new CartState(fake.put);
    const done = state.set('beer', 2);
    expect(state.quantity('beer')).toBe(2);
    expect(state.pending()).toBe(true);
    await fake.release();
    await done;
    expect(state.quantity('beer')).toBe(2);
    expect(state.cart()?.totalCents).toBe(1000);
    expect(state.pending()).toBe(false);
  });

  it('sends absolute quantities and coalesces quick taps to one PUT in flight', async () => {
    const fake = server();
    const state = new CartState(fake.put);
    const first = state.set('beer', 1);
    void state.set('beer', 2);
    void state.set('beer', 3);
    expect(state.quantity('beer')).toBe(3);
    await fake.release();
    await first;
    expect(fake.calls).toEqual([
      ['beer', 1],
      ['beer', 3],
    ]);
    expect(state.quantity('beer')).toBe(3);
    expect(fake.lines).toEqual({ beer: 3 });
  });

  it('keeps the wanted quantity over a stale broadcast while a PUT is out', async () => {
    const fake = server();
    const state = new CartState(fake.put);
    state.receive(cart({ beer: 1 }));
    const done = state.set('beer', 4);
    state.receive(cart({ beer: 1, wine: 2 }));
    expect(state.quantity('beer')).toBe(4);
    expect(state.quantity('wine')).toBe(2);
    await fake.release();
    await done;
    expect(state.quantity('beer')).toBe(4);
  });

  it('removes a line with 0 and clamps to the 0–20 range', async () => {
    const fake = server();
    const state = new CartState(fake.put);
    const high = state.set('beer', 99);
    await fake.release();
    await high;
    expect(fake.calls).toEqual([['beer', 20]]);
    const zero = state.set('beer', -1);
    await fake.release();
    await zero;
    expect(fake.calls.at(-1)).toEqual(['beer', 0]);
    expect(state.cart()?.lines).toEqual([]);
    expect(state.lineCount()).toBe(0);
  });

  it('falls back to the server value when the PUT is refused', async () => {
    const state = new CartState(() =>
      Promise.reject(new ApiError(429, 'RATE_LIMITED', 'slow down')),
    );
    state.receive(cart({ beer: 1 }));
    await expect(state.set('beer', 2)).rejects.toMatchObject({ status: 429 });
    expect(state.quantity('beer')).toBe(1);
    expect(state.pending()).toBe(false);
  });

  it('takes every broadcast of the shared cart', () => {
    const state = new CartState(() => Promise.reject(new Error('unused')));
    state.receive(cart({ beer: 1 }));
    state.receive(cart({ beer: 1, wine: 3 }));
    expect(state.lineCount()).toBe(4);
  });
});
