import { ErrorCode } from './error-codes';

describe('ErrorCode', () => {
  it('uses each code as its own value, in UPPER_SNAKE case', () => {
    for (const [name, value] of Object.entries(ErrorCode)) {
      expect(value).toBe(name);
      expect(value).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
    }
  });
});
