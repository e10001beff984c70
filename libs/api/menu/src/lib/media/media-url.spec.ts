import {
  MEDIA_URL_WINDOW_SECONDS,
  mediaExpiry,
  signMediaUrl,
  verifyMediaSignature,
} from './media-url';

const SECRET = 'test-secret-of-some-length-0123456789';
const KEY = 'AbCdEfGhIjKlMnOpQrStUvWx.webp';
const at = new Date('2030-01-01T10:15:00Z');
const parts = (url: string) => {
  const parsed = new URL(url, 'http://x');
  return {
    exp: parsed.searchParams.get('exp') as string,
    sig: parsed.searchParams.get('sig') as string,
  };
};

describe('signed media URLs', () => {
  it('expire one to two windows ahead, the same for every moment of a window', () => {
    const exp = mediaExpiry(at);
    expect(exp * 1000 - at.getTime()).toBeGreaterThan(
      MEDIA_URL_WINDOW_SECONDS * 1000,
    );
    expect(exp * 1000 - at.getTime()).toBeLessThanOrEqual(
      2 * MEDIA_URL_WINDOW_SECONDS * 1000,
    );
    expect(signMediaUrl(SECRET, KEY, at)).toBe(
      signMediaUrl(SECRET, KEY, new Date('2030-01-01T10:59:59Z')),
    );
    expect(signMediaUrl(SECRET, KEY, at)).not.toBe(
      signMediaUrl(SECRET, KEY, new Date('2030-01-01T11:00:00Z')),
    );
  });

  it('verify with the same secret until they expire', () => {
    const { exp, sig } = parts(signMediaUrl(SECRET, KEY, at));
    expect(verifyMediaSignature(SECRET, KEY, exp, sig, at)).toBe(true);
    expect(
      verifyMediaSignature(SECRET, KEY, exp, sig, new Date(Number(exp) * 1000)),
    ).toBe(false);
    expect(verifyMediaSignature(`${SECRET}x`, KEY, exp, sig, at)).toBe(false);
  });

  it.each<
    [string, (p: { exp: string; sig: string }) => [string, unknown, unknown]]
  >([
    ['another key', (p) => ['BbCdEfGhIjKlMnOpQrStUvWx.webp', p.exp, p.sig]],
    ['a later expiry', (p) => [KEY, String(Number(p.exp) + 1), p.sig]],
    [
      'a changed signature',
      (p) => [KEY, p.exp, p.sig.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    ],
    ['no signature', (p) => [KEY, p.exp, undefined]],
    ['a repeated parameter', (p) => [KEY, [p.exp, p.exp], p.sig]],
    ['a non-numeric expiry', (p) => [KEY, `${p.exp}.0`, p.sig]],
    ['a traversing key', (p) => ['../../etc/passwd', p.exp, p.sig]],
  ])('refuse %s', (_label, change) => {
    const [key, exp, sig] = change(parts(signMediaUrl(SECRET, KEY, at)));
    expect(verifyMediaSignature(SECRET, key, exp, sig, at)).toBe(false);
  });

  it('are only made for valid keys', () => {
    expect(() => signMediaUrl(SECRET, '../x.webp', at)).toThrow();
  });
});
