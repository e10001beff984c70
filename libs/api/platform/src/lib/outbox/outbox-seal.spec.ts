import {
  OUTBOX_KEY_LABEL,
  OutboxSeal,
  SealedPayloadError,
} from './outbox-seal';
import { IdempotencySeal } from '../crypto/idempotency-seal';

const CONFIG = { TOKEN_HASH_KEY: 'token-hash-key-for-tests-only-0123456789' };
const ID = '7d3f0c1e-2b4a-4c5d-8e9f-0a1b2c3d4e5f';
const TOKEN = 'raw-check-in-token-Zx9';
const MAIL = {
  to: 'grace@example.test',
  subject: 'Your ticket',
  text: `https://foyer.test/ticket#t=${TOKEN}`,
  html: `<a href="https://foyer.test/ticket#t=${TOKEN}">ticket</a>`,
  inlineQrCodes: [{ cid: 'qr@foyer', filename: 'ticket.png', text: TOKEN }],
};

function flip(sealed: string, at: number): string {
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw[at] ^= 0x01;
  return `v1.${raw.toString('base64url')}`;
}

describe('OutboxSeal', () => {
  const seal = new OutboxSeal(CONFIG);

  it('round-trips a mail payload, and the sealed form reveals no token, address or text', () => {
    const sealed = seal.seal(ID, MAIL);
    expect(Object.keys(sealed)).toEqual(['sealed']);
    expect(sealed.sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const stored = JSON.stringify(sealed);
    for (const fragment of [TOKEN, 'grace@example.test', 'ticket', 'Your']) {
      expect(stored).not.toContain(fragment);
    }
    expect(new OutboxSeal(CONFIG).open(ID, sealed)).toEqual(MAIL);
    // A fresh IV each time.
    expect(seal.seal(ID, MAIL).sealed).not.toBe(sealed.sealed);
  });

  it('is bound to the row id: another job id does not open it', () => {
    const sealed = seal.seal(ID, MAIL);
    expect(() =>
      seal.open('7d3f0c1e-2b4a-4c5d-8e9f-0a1b2c3d4e60', sealed),
    ).toThrow(SealedPayloadError);
  });

  it('refuses any flipped bit, truncation, another secret and plaintext payloads', () => {
    const sealed = seal.seal(ID, MAIL).sealed;
    const length = Buffer.from(sealed.slice(3), 'base64url').length;
    // IV, tag and ciphertext.
    for (const at of [0, 11, 12, 27, 28, length - 1]) {
      expect(() => seal.open(ID, { sealed: flip(sealed, at) })).toThrow(
        SealedPayloadError,
      );
    }
    for (const bad of [
      { sealed: sealed.slice(0, 20) },
      { sealed: `v2.${sealed.slice(3)}` },
      { sealed: 42 },
      MAIL,
      {},
      null,
      'v1.',
    ]) {
      expect(() => seal.open(ID, bad)).toThrow(SealedPayloadError);
    }
    expect(() =>
      new OutboxSeal({ TOKEN_HASH_KEY: 'another-secret' }).open(ID, {
        sealed,
      }),
    ).toThrow(SealedPayloadError);
  });

  it('uses a key of its own, not the idempotency key derived from the same secret', () => {
    expect(OUTBOX_KEY_LABEL).toBe('foyer outbox v1');
    const idempotency = new IdempotencySeal(CONFIG.TOKEN_HASH_KEY);
    const keys = { ...idempotency.keys('scope', 'key'), id: ID };
    const sealed = idempotency.seal(keys, JSON.stringify(MAIL));
    expect(() => seal.open(ID, { sealed })).toThrow(SealedPayloadError);
  });
});
