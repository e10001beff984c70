import { canonicalJson, CanonicalJsonError } from './canonical-json';

function sparse(): unknown[] {
  const holes: unknown[] = [1];
  holes[2] = 3;
  return holes;
}

describe('canonicalJson', () => {
  it('writes primitives as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson('a"b\\c\n\u2028')).toBe(
      JSON.stringify('a"b\\c\n\u2028'),
    );
    expect(canonicalJson('')).toBe('""');
  });

  it('sorts keys and drops whitespace', () => {
    expect(
      canonicalJson({ b: 1, a: 2, c: { z: [3, { y: 1, x: 2 }], m: null } }),
    ).toBe('{"a":2,"b":1,"c":{"m":null,"z":[3,{"x":2,"y":1}]}}');
  });

  it('does not depend on key insertion order at any depth', () => {
    const one = {
      tenant: 't',
      meta: { role: 'host', from: 'viewer', nested: { q: 1, p: [1, 2] } },
      id: 1,
    };
    const two = {
      id: 1,
      meta: { nested: { p: [1, 2], q: 1 }, from: 'viewer', role: 'host' },
      tenant: 't',
    };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('keeps array order significant', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('sorts by code unit, so case and non-ASCII keys are ordered stably', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4, '10': 5, '9': 6 })).toBe(
      '{"10":5,"9":6,"B":2,"a":4,"b":1,"é":3}',
    );
  });

  it('round-trips through JSON.parse unchanged', () => {
    const value = { z: [1, 'two', { three: 3 }], a: { b: null, c: false } };
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('treats a parsed __proto__ key as ordinary data', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"admin":true},"a":1}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"admin":true},"a":1}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['k'] = 'v';
    expect(canonicalJson(bare)).toBe('{"k":"v"}');
  });

  it('accepts plain objects from another realm', () => {
    const foreign: unknown = structuredClone({ b: [{ d: 1 }], a: 2 });
    expect(canonicalJson(foreign)).toBe('{"a":2,"b":[{"d":1}]}');
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe(
      '{"a":{"x":1},"b":[{"x":1}]}',
    );
  });

  it.each([
    ['undefined', undefined],
    ['an undefined property', { a: undefined }],
    ['an undefined array element', [1, undefined]],
    ['a sparse array', sparse()],
    ['a function', () => 1],
    ['a nested function', { f: () => 1 }],
    ['NaN', NaN],
    ['Infinity', { n: Infinity }],
    ['-Infinity', [-Infinity]],
    ['a bigint', BigInt(1)],
    ['a symbol', Symbol('s')],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a class instance', new (class Thing {})()],
    ['a boxed string', Object('x')],
    ['a symbol key', { [Symbol('k')]: 1 }],
  ])('refuses %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it('refuses cycles and names where', () => {
    const cyclic: Record<string, unknown> = { a: { b: {} } };
    (cyclic['a'] as { b: Record<string, unknown> }).b['c'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow('$.a.b.c');
  });
});

describe('canonicalJson with omitUndefined', () => {
  it('leaves undefined object properties out, as a response body does', () => {
    expect(
      canonicalJson(
        { b: 1, a: undefined, c: { d: undefined, e: 2 } },
        { omitUndefined: true },
      ),
    ).toBe('{"b":1,"c":{"e":2}}');
  });

  it('still refuses undefined array elements and other lossy values', () => {
    expect(() => canonicalJson([undefined], { omitUndefined: true })).toThrow(
      CanonicalJsonError,
    );
    expect(() =>
      canonicalJson({ a: Number.NaN }, { omitUndefined: true }),
    ).toThrow(CanonicalJsonError);
  });
});
