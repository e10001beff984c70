import { takeFragmentToken } from './fragment-token';

const TOKEN = 'AbC_def-1234567890xyzQWERTY';

function fakeBrowser(hash: string, search = '') {
  const replaceState = jest.fn();
  return {
    location: { hash, pathname: '/confirm', search },
    history: { replaceState, state: { navigationId: 1 } },
    replaceState,
  };
}

describe('takeFragmentToken', () => {
  it('returns the token of #t=… and clears the fragment, keeping path, query and router state', () => {
    const browser = fakeBrowser(`#t=${TOKEN}`, '?utm=x');
    expect(takeFragmentToken(browser.location, browser.history)).toBe(TOKEN);
    expect(browser.replaceState).toHaveBeenCalledWith(
      { navigationId: 1 },
      '',
      '/confirm?utm=x',
    );
  });

  it('clears the fragment even when the token is malformed, and returns null', () => {
    for (const hash of [
      '#t=short',
      '#t=has spaces in it 123456',
      `#t=${TOKEN}<script>`,
      '#t=',
      '#x=1',
    ]) {
      const browser = fakeBrowser(hash);
      expect(takeFragmentToken(browser.location, browser.history)).toBeNull();
      expect(browser.replaceState).toHaveBeenCalledTimes(1);
    }
  });

  it('returns null and leaves the URL alone without a fragment', () => {
    const browser = fakeBrowser('');
    expect(takeFragmentToken(browser.location, browser.history)).toBeNull();
    expect(browser.replaceState).not.toHaveBeenCalled();
  });

  it('rejects tokens longer than the API accepts', () => {
    const browser = fakeBrowser(`#t=${'a'.repeat(101)}`);
    expect(takeFragmentToken(browser.location, browser.history)).toBeNull();
  });

  it('reads t among other fragment parameters', () => {
    const browser = fakeBrowser(`#x=1&t=${TOKEN}`);
    expect(takeFragmentToken(browser.location, browser.history)).toBe(TOKEN);
  });
});
