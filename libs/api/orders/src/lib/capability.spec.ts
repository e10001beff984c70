import { parseKeyRing } from '@foyer/api/platform/config';
import { randomUUID } from 'node:crypto';
import {
  CapabilityClaims,
  signCapability,
  verifyCapability,
} from './capability';

const NOW = 1_900_000_000;
const claims = (over: Partial<CapabilityClaims> = {}): CapabilityClaims => ({
  tbl: randomUUID(),
  sit: randomUUID(),
  ver: 1,
  sid: randomUUID(),
  dev: 'd'.repeat(22),
  exp: NOW + 600,
  ...over,
});
const current = parseKeyRing(
  'c2:second-secret-of-enough-length-000000,c1:first-secret-of-enough-length-0000000',
);
const previousOnly = parseKeyRing('c1:first-secret-of-enough-length-0000000');
const retired = parseKeyRing(
  'c3:third-secret-of-enough-length-00000000,c2:second-secret-of-enough-length-000000',
);

describe('diner capabilities', () => {
  it('round-trips with the current key and names its kid', () => {
    const c = claims();
    const token = signCapability(c, current);
    expect(token.split('.')[1]).toBe('c2');
    expect(verifyCapability(token, current, NOW)).toEqual(c);
  });

  it('accepts a capability signed by the previous key while it is listed, refuses it once retired', () => {
    const token = signCapability(claims(), previousOnly);
    expect(verifyCapability(token, current, NOW)).not.toBeNull();
    expect(verifyCapability(token, retired, NOW)).toBeNull();
  });

  it('refuses an unknown kid, even when the secret behind it would match', () => {
    const token = signCapability(claims(), current).replace(
      'fc1.c2.',
      'fc1.zz.',
    );
    expect(verifyCapability(token, current, NOW)).toBeNull();
  });

  it('refuses a capability moved to another listed kid', () => {
    const token = signCapability(claims(), current).replace(
      'fc1.c2.',
      'fc1.c1.',
    );
    expect(verifyCapability(token, current, NOW)).toBeNull();
  });

  it('refuses expired capabilities, at the second they expire', () => {
    const token = signCapability(claims({ exp: NOW }), current);
    expect(verifyCapability(token, current, NOW - 1)).not.toBeNull();
    expect(verifyCapability(token, current, NOW)).toBeNull();
  });

  it('refuses every single-character change anywhere in the value', () => {
    const token = signCapability(claims(), current);
    const alphabet =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let i = 0; i < token.length; i += 1) {
      const swapped =
        alphabet[(alphabet.indexOf(token[i]) + 1) % alphabet.length];
      const tampered = token.slice(0, i) + swapped + token.slice(i + 1);
      expect(verifyCapability(tampered, current, NOW)).toBeNull();
    }
  });

  it('refuses a re-signed payload with changed claims (no key, no new signature)', () => {
    const token = signCapability(claims(), current);
    const [v, kid, payload, sig] = token.split('.');
    const changed = {
      ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
      tbl: randomUUID(),
    };
    const forged = [
      v,
      kid,
      Buffer.from(JSON.stringify(changed)).toString('base64url'),
      sig,
    ].join('.');
    expect(verifyCapability(forged, current, NOW)).toBeNull();
  });

  it('refuses garbage, missing values and oversized input', () => {
    for (const bad of [
      undefined,
      '',
      'fc1',
      'fc1.c2..',
      'x'.repeat(5000),
      'fc1.c2.e30.' + 'A'.repeat(43),
    ]) {
      expect(verifyCapability(bad, current, NOW)).toBeNull();
    }
  });

  it('refuses a validly signed payload of the wrong shape', () => {
    const ring = current;
    const odd = signCapability(
      { ...claims(), extra: 1 } as unknown as CapabilityClaims,
      ring,
    );
    expect(verifyCapability(odd, ring, NOW)).toBeNull();
    const badVer = signCapability(claims({ ver: 0 }), ring);
    expect(verifyCapability(badVer, ring, NOW)).toBeNull();
  });
});
