import { Permission, ROLE_PERMISSIONS, Role } from '@foyer/contracts';
import { visibleNavItems } from './staff-nav';

const labelsFor = (role: Role) =>
  visibleNavItems((permission) =>
    ROLE_PERMISSIONS[role].includes(permission),
  ).map((item) => item.label);

describe('visibleNavItems', () => {
  it('hides Staff and Audit from a viewer', () => {
    const labels = labelsFor('viewer');
    expect(labels).not.toContain('Staff');
    expect(labels).not.toContain('Audit');
    expect(labels).toEqual(['Performances', 'Rooms', 'Orders', 'Menu']);
  });

  it('shows a manager Staff but not Audit', () => {
    const labels = labelsFor('manager');
    expect(labels).toContain('Staff');
    expect(labels).not.toContain('Audit');
  });

  it('shows an owner and an admin everything', () => {
    expect(labelsFor('owner')).toEqual([
      'Performances',
      'Rooms',
      'Reservations',
      'Door',
      'Orders',
      'Menu',
      'Tables',
      'Staff',
      'Audit',
    ]);
    expect(labelsFor('admin')).toEqual(labelsFor('owner'));
  });

  it('gives the kitchen orders and menu only', () => {
    expect(labelsFor('kitchen')).toEqual(['Orders', 'Menu']);
  });

  it('shows nothing without permissions', () => {
    expect(visibleNavItems(() => false)).toEqual([]);
    expect(
      visibleNavItems((p) => p === Permission.CHECKIN_SCAN).map((i) => i.id),
    ).toEqual(['door']);
  });
});
