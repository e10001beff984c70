import {
  isPermission,
  isRole,
  Permission,
  PERMISSIONS,
  Role,
  ROLE_PERMISSIONS,
  ROLES,
} from './permissions';

describe('Permission', () => {
  it('holds exactly the permissions named in docs/architecture.md', () => {
    expect([...PERMISSIONS].sort()).toEqual(
      [
        'tenant:manage',
        'users:view',
        'users:manage',
        'audit:view',
        'menu:view',
        'menu:edit',
        'tables:manage',
        'orders:view',
        'orders:update',
        'performances:view',
        'performances:edit',
        'reservations:view',
        'reservations:manage',
        'privacy:manage',
        'checkin:scan',
      ].sort(),
    );
  });

  it('names every permission resource:action', () => {
    for (const value of PERMISSIONS) {
      expect(value).toMatch(/^[a-z]+:[a-z]+$/);
    }
  });
});

describe('Role', () => {
  it('holds exactly the six roles of docs/architecture.md', () => {
    expect([...ROLES].sort()).toEqual([
      'admin',
      'host',
      'kitchen',
      'manager',
      'owner',
      'viewer',
    ]);
    expect(Object.values(Role).sort()).toEqual([...ROLES].sort());
  });
});

describe('ROLE_PERMISSIONS', () => {
  it('has an entry for every role and nothing else', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  it('lists only known permissions, each once', () => {
    for (const role of ROLES) {
      const granted = ROLE_PERMISSIONS[role];
      expect(new Set(granted).size).toBe(granted.length);
      for (const permission of granted) {
        expect(isPermission(permission)).toBe(true);
      }
    }
  });

  it('gives the owner every permission', () => {
    expect([...ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('gives tenant:manage to the owner alone', () => {
    const holders = ROLES.filter((role) =>
      ROLE_PERMISSIONS[role].includes(Permission.TENANT_MANAGE),
    );
    expect(holders).toEqual(['owner']);
  });

  it('cannot be widened at runtime', () => {
    expect(Object.isFrozen(ROLE_PERMISSIONS)).toBe(true);
    expect(Object.isFrozen(ROLES)).toBe(true);
    expect(Object.isFrozen(PERMISSIONS)).toBe(true);
    for (const role of ROLES) {
      expect(Object.isFrozen(ROLE_PERMISSIONS[role])).toBe(true);
      expect(() =>
        (ROLE_PERMISSIONS[role] as Permission[]).push(Permission.TENANT_MANAGE),
      ).toThrow(TypeError);
    }
  });
});

describe('isRole / isPermission', () => {
  it('accept only exact known values', () => {
    expect(isRole('owner')).toBe(true);
    expect(isRole('OWNER')).toBe(false);
    expect(isRole('superuser')).toBe(false);
    expect(isRole(undefined)).toBe(false);
    expect(isRole('constructor')).toBe(false);
    expect(isPermission('menu:view')).toBe(true);
    expect(isPermission('menu:*')).toBe(false);
    expect(isPermission('')).toBe(false);
    expect(isPermission(42)).toBe(false);
  });
});
