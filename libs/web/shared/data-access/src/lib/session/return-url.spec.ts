import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each([
    ['/staff', '/staff'],
    ['/staff/users?cursor=a%20b', '/staff/users?cursor=a%20b'],
    ['/staff/audit#top', '/staff/audit#top'],
    ['/staff/../staff/users', '/staff/users'],
  ])('keeps the in-app path %p', (raw, expected) => {
    expect(safeReturnUrl(raw)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    42,
    '',
    'staff',
    'https://evil.example/staff',
    '//evil.example',
    '/\\evil.example',
    '/\tevil',
    'javascript:alert(1)',
    '/login',
    '/login?returnUrl=/staff',
    'x'.repeat(3000),
  ])('refuses %p', (raw) => {
    expect(safeReturnUrl(raw)).toBeNull();
  });
});
