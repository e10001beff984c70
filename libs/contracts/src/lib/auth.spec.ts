import { ROLE_PERMISSIONS } from './permissions';
import { CsrfToken, SessionView } from './auth';

const view = {
  user: { id: 'u-1', email: 'ana@venue.test', displayName: 'Ana' },
  tenant: { id: 't-1', slug: 'teatro', name: 'Teatro' },
  role: 'manager',
  permissions: [...ROLE_PERMISSIONS.manager],
  memberships: [
    { tenantId: 't-1', slug: 'teatro', name: 'Teatro', role: 'manager' },
  ],
};

describe('SessionView', () => {
  it('reads a session answer with and without its CSRF token', () => {
    expect(SessionView.parse(view)).toEqual(view);
    expect(SessionView.parse({ ...view, csrfToken: 'c' })).toEqual({
      ...view,
      csrfToken: 'c',
    });
  });

  it('drops permissions it does not know instead of refusing the session', () => {
    expect(
      SessionView.parse({
        ...view,
        permissions: [...view.permissions, 'root:everything'],
      }).permissions,
    ).toEqual(ROLE_PERMISSIONS.manager);
  });

  it('refuses an unknown role, a missing user and an empty CSRF token', () => {
    for (const wrong of [
      { ...view, role: 'superuser' },
      { ...view, user: {} },
      { ...view, memberships: [{ role: 'viewer' }] },
      { ...view, csrfToken: '' },
    ]) {
      expect(SessionView.safeParse(wrong).success).toBe(false);
    }
    expect(CsrfToken.safeParse({ csrfToken: '' }).success).toBe(false);
    expect(CsrfToken.safeParse({}).success).toBe(false);
  });
});
