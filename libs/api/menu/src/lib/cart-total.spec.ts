import { cartTotal, MAX_LINE_QUANTITY } from './cart-total';

describe('cartTotal', () => {
  it('sums price × quantity in integer cents', () => {
    expect(
      cartTotal([
        { unitPriceCents: 650, quantity: 2 },
        { unitPriceCents: 300, quantity: 1 },
        { unitPriceCents: 199, quantity: 3 },
      ]),
    ).toBe(2197);
  });

  it('is zero for an empty cart', () => {
    expect(cartTotal([])).toBe(0);
  });

  it('allows free items', () => {
    expect(cartTotal([{ unitPriceCents: 0, quantity: 5 }])).toBe(0);
  });

  it('accepts quantities 1 and 20 exactly', () => {
    expect(cartTotal([{ unitPriceCents: 100, quantity: 1 }])).toBe(100);
    expect(
      cartTotal([{ unitPriceCents: 100, quantity: MAX_LINE_QUANTITY }]),
    ).toBe(2000);
  });

  it.each([0, -1, 21, 1.5, NaN, Infinity])(
    'refuses the quantity %p',
    (quantity) => {
      expect(() => cartTotal([{ unitPriceCents: 100, quantity }])).toThrow(
        RangeError,
      );
    },
  );

  it.each([-1, 0.5, 99.99, NaN, Infinity, -Infinity])(
    'refuses the unit price %p',
    (unitPriceCents) => {
      expect(() => cartTotal([{ unitPriceCents, quantity: 1 }])).toThrow(
        RangeError,
      );
    },
  );

  it('refuses a bad line anywhere in the cart, naming its index', () => {
    expect(() =>
      cartTotal([
        { unitPriceCents: 100, quantity: 1 },
        { unitPriceCents: -100, quantity: 1 },
      ]),
    ).toThrow('line 1');
  });

  it('refuses a total beyond exact integer arithmetic', () => {
    const huge = Math.floor(Number.MAX_SAFE_INTEGER / 10);
    expect(() => cartTotal([{ unitPriceCents: huge, quantity: 20 }])).toThrow(
      RangeError,
    );
    expect(() =>
      cartTotal([
        { unitPriceCents: Number.MAX_SAFE_INTEGER, quantity: 1 },
        { unitPriceCents: 1, quantity: 1 },
      ]),
    ).toThrow(RangeError);
  });
});
