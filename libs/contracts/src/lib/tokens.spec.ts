import { randomBytes } from 'node:crypto';
import { TOKEN_PATTERN } from './tokens';

describe('TOKEN_PATTERN', () => {
  it('accepts the tokens the API issues (256 bits, base64url)', () => {
    const token = randomBytes(32).toString('base64url');
    expect(token).toHaveLength(43);
    expect(TOKEN_PATTERN.test(token)).toBe(true);
  });

  it('refuses what is not base64url of 20–100 characters', () => {
    for (const wrong of [
      '',
      'short',
      'a'.repeat(101),
      `${'a'.repeat(30)}=`,
      `${'a'.repeat(30)}/`,
      `${'a'.repeat(30)}\n`,
    ]) {
      expect(TOKEN_PATTERN.test(wrong)).toBe(false);
    }
  });
});
