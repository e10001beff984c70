import { IdempotencySeal, SealedRecordError } from './idempotency-seal';

const SECRET = 'token-hash-key-for-tests-only-0123456789';
const SCOPE = 't:tenant-a\nu:user-1\nPOST\n/api/staff/privacy/export';
const KEY = 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const BODY = JSON.stringify({
  reservations: [{ name: 'Grace Hopper', email: 'grace@example.test' }],
});

function flip(sealed: string, at: number): string {
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw[at] ^= 0x01;
  return `v1.${raw.toString('base64url')}`;
}

describe('IdempotencySeal', () => {
  const seal = new IdempotencySeal(SECRET);

  it('round-trips a response, and the sealed text reveals none of it', () => {
    const keys = seal.keys(SCOPE, KEY);
    const sealed = seal.seal(keys, BODY);
    expect(seal.open(seal.keys(SCOPE, KEY), sealed)).toBe(BODY);
    for (const fragment of ['Grace', 'grace@example.test', 'reservations']) {
      expect(sealed).not.toContain(fragment);
    }
    // A fresh IV each time: the same response never seals to the same text.
    expect(seal.seal(keys, BODY)).not.toBe(sealed);
  });

  it('names the record by a keyed hash that contains neither key nor scope', () => {
    const { id } = seal.keys(SCOPE, KEY);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toContain(KEY);
    expect(new IdempotencySeal('another-secret').keys(SCOPE, KEY).id).not.toBe(
      id,
    );
  });

  it('separates records by scope: another tenant, user or route is another record', () => {
    const ids = new Set(
      [
        SCOPE,
        SCOPE.replace('tenant-a', 'tenant-b'),
        SCOPE.replace('user-1', 'user-2'),
        SCOPE.replace('export', 'erase'),
      ].map((scope) => seal.keys(scope, KEY).id),
    );
    expect(ids.size).toBe(4);
  });

  it('cannot be opened with another idempotency key, scope or server secret', () => {
    const sealed = seal.seal(seal.keys(SCOPE, KEY), BODY);
    const wrong = [
      seal.keys(SCOPE, `${KEY}x`),
      seal.keys(SCOPE.replace('tenant-a', 'tenant-b'), KEY),
      new IdempotencySeal('another-secret').keys(SCOPE, KEY),
    ];
    for (const keys of wrong) {
      expect(() => seal.open(keys, sealed)).toThrow(SealedRecordError);
    }
  });

  it('rejects a tampered IV, tag or ciphertext, a truncated record and a plaintext one', () => {
    const keys = seal.keys(SCOPE, KEY);
    const sealed = seal.seal(keys, BODY);
    const length = Buffer.from(sealed.slice(3), 'base64url').length;
    for (const at of [0, 11, 12, 27, 28, length - 1]) {
      expect(() => seal.open(keys, flip(sealed, at))).toThrow(
        SealedRecordError,
      );
    }
    expect(() => seal.open(keys, sealed.slice(0, 20))).toThrow(
      SealedRecordError,
    );
    expect(() => seal.open(keys, 'v1.')).toThrow(SealedRecordError);
    expect(() =>
      seal.open(keys, JSON.stringify({ state: 'done', body: BODY })),
    ).toThrow(SealedRecordError);
  });

  it('binds the record id in: a sealed value moved under another record does not open', () => {
    const keys = seal.keys(SCOPE, KEY);
    const sealed = seal.seal(keys, BODY);
    expect(() =>
      seal.open({ ...keys, id: seal.keys(SCOPE, 'other').id }, sealed),
    ).toThrow(SealedRecordError);
  });

  it('fingerprints requests with a keyed hash per record', () => {
    const keys = seal.keys(SCOPE, KEY);
    const request = 'POST\n/api/staff/privacy/export\n{"email":"a@b.test"}';
    const print = seal.fingerprint(keys, request);
    expect(seal.fingerprint(seal.keys(SCOPE, KEY), request)).toBe(print);
    expect(seal.fingerprint(keys, `${request} `)).not.toBe(print);
    expect(seal.fingerprint(seal.keys(SCOPE, 'other'), request)).not.toBe(
      print,
    );
    expect(print).not.toContain('a@b.test');
  });
});
