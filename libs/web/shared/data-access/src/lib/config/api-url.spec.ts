import { apiPathOf, apiUrl } from './api-url';

describe('apiUrl', () => {
  it('joins base and path', () => {
    expect(apiUrl('https://api.test', '/api/auth/me')).toBe(
      'https://api.test/api/auth/me',
    );
  });

  it('refuses paths that could change the origin', () => {
    expect(() => apiUrl('https://api.test', '//evil.test/x')).toThrow();
    expect(() => apiUrl('https://api.test', 'api/x')).toThrow();
  });
});

describe('apiPathOf', () => {
  it('returns the path below the base for API URLs only', () => {
    expect(
      apiPathOf('https://api.test/api/staff/users?x=1', 'https://api.test'),
    ).toBe('/api/staff/users');
    expect(
      apiPathOf('https://api.test/v1/api/auth/me', 'https://api.test/v1'),
    ).toBe('/api/auth/me');
    expect(
      apiPathOf('https://api.test/v10/api/auth/me', 'https://api.test/v1'),
    ).toBeNull();
    expect(
      apiPathOf('http://api.test/api/auth/me', 'https://api.test'),
    ).toBeNull();
    expect(
      apiPathOf('https://api.test:8443/api/auth/me', 'https://api.test'),
    ).toBeNull();
    expect(
      apiPathOf('https://other.test/api/auth/me', 'https://api.test'),
    ).toBeNull();
  });

  it('ignores same-origin non-API files when the API shares the page origin', () => {
    expect(apiPathOf('/config.json', 'http://localhost')).toBeNull();
    expect(apiPathOf('/api/staff/users', 'http://localhost')).toBe(
      '/api/staff/users',
    );
  });
});
