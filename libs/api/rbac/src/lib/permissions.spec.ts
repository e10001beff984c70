import { Permission, Role } from '@foyer/contracts';
import { hasPermissions, permissionsFor } from './permissions';

// docs/architecture.md's table, copied cell by cell ('x' = granted). Written out by hand on purpose:
// deriving it from ROLE_PERMISSIONS would make this test agree with any mistake there.
//                                   owner admin manager host kitchen viewer
const TABLE: Record<string, string> = {
  'tenant:manage': '             x     .     .       .    .       .',
  'users:view': '                x     x     x       .    .       .',
  'users:manage': '              x     x     .       .    .       .',
  'audit:view': '                x     x     .       .    .       .',
  'menu:view': '                 x     x     x       x    x       x',
  'menu:edit': '                 x     x     x       .    .       .',
  'tables:manage': '             x     x     x       .    .       .',
  'orders:view': '               x     x     x       x    x       x',
  'orders:update': '             x     x     x       .    x       .',
  'performances:view': '         x     x     x       x    .       x',
  'performances:edit': '         x     x     x       .    .       .',
  'reservations:view': '         x     x     x       .    .       .',
  'reservations:manage': '       x     x     x       .    .       .',
  'privacy:manage': '            x     x     .       .    .       .',
  'checkin:scan': '              x     x     x       x    .       .',
};
const COLUMNS = [
  'owner',
  'admin',
  'manager',
  'host',
  'kitchen',
  'viewer',
] as const;

const expected = Object.entries(TABLE).flatMap(([permission, row]) => {
  const cells = row.trim().split(/\s+/);
  if (cells.length !== COLUMNS.length) {
    throw new Error(`bad row for ${permission}`);
  }
  return COLUMNS.map(
    (role, i) => [role, permission, cells[i] === 'x'] as const,
  );
});

describe('permissionsFor', () => {
  it('covers all 15 permissions and 6 roles in the expectation', () => {
    expect(Object.keys(TABLE)).toHaveLength(15);
    expect(expected).toHaveLength(90);
  });

  it.each(expected)('%s / %s → %s', (role, permission, granted) => {
    expect(permissionsFor(role).includes(permission as Permission)).toBe(
      granted,
    );
  });

  it('grants nothing beyond the table', () => {
    for (const role of COLUMNS) {
      const fromTable = expected
        .filter(([r, , g]) => r === role && g)
        .map(([, p]) => p);
      expect([...permissionsFor(role)].sort()).toEqual(fromTable.sort());
    }
  });

  it('keeps tenant:manage owner-only', () => {
    const holders = COLUMNS.filter((role) =>
      permissionsFor(role).includes(Permission.TENANT_MANAGE),
    );
    expect(holders).toEqual(['owner']);
  });

  it('gives the owner a superset of every other role', () => {
    const owner = new Set(permissionsFor('owner'));
    for (const role of COLUMNS) {
      for (const permission of permissionsFor(role)) {
        expect(owner.has(permission)).toBe(true);
      }
    }
  });

  it('grants nothing to an unknown role, including prototype names', () => {
    for (const bogus of [
      'superuser',
      'OWNER',
      '',
      'constructor',
      '__proto__',
      'toString',
    ]) {
      expect(permissionsFor(bogus as Role)).toEqual([]);
    }
    expect(permissionsFor(undefined as unknown as Role)).toEqual([]);
    expect(permissionsFor(null as unknown as Role)).toEqual([]);
  });
});

describe('hasPermissions', () => {
  it('needs every required permission', () => {
    const granted = [Permission.MENU_VIEW, Permission.ORDERS_VIEW];
    expect(hasPermissions(granted, [Permission.MENU_VIEW])).toBe(true);
    expect(
      hasPermissions(granted, [Permission.MENU_VIEW, Permission.ORDERS_VIEW]),
    ).toBe(true);
    expect(
      hasPermissions(granted, [Permission.MENU_VIEW, Permission.MENU_EDIT]),
    ).toBe(false);
    expect(hasPermissions([], [Permission.MENU_VIEW])).toBe(false);
  });

  it('treats an empty requirement as met (the guard refuses that case itself)', () => {
    expect(hasPermissions([], [])).toBe(true);
  });

  it('does not match by prefix or wildcard', () => {
    expect(
      hasPermissions(['menu:*' as Permission], [Permission.MENU_EDIT]),
    ).toBe(false);
    expect(hasPermissions(['menu' as Permission], [Permission.MENU_EDIT])).toBe(
      false,
    );
  });
});
