import { Permission } from '@foyer/contracts';

export interface StaffNavItem {
  /** Stable id; the link's `data-testid` is `nav-<id>`. */
  readonly id: string;
  readonly label: string;
  /** Path below `/staff`. */
  readonly path: string;
  /** The permission the API checks for this area's reads; the link shows only with it. */
  readonly permission: Permission;
  /** False for modules that are still to come: the link leads to a placeholder page. */
  readonly ready: boolean;
}

export const STAFF_NAV: readonly StaffNavItem[] = [
  {
    id: 'performances',
    label: 'Performances',
    path: 'performances',
    permission: Permission.PERFORMANCES_VIEW,
    ready: true,
  },
  {
    id: 'rooms',
    label: 'Rooms',
    path: 'rooms',
    permission: Permission.PERFORMANCES_VIEW,
    ready: true,
  },
  {
    id: 'reservations',
    label: 'Reservations',
    path: 'reservations',
    permission: Permission.RESERVATIONS_VIEW,
    ready: true,
  },
  {
    id: 'door',
    label: 'Door',
    path: 'check-in',
    permission: Permission.CHECKIN_SCAN,
    ready: true,
  },
  {
    id: 'orders',
    label: 'Orders',
    path: 'orders',
    permission: Permission.ORDERS_VIEW,
    ready: true,
  },
  {
    id: 'menu',
    label: 'Menu',
    path: 'menu',
    permission: Permission.MENU_VIEW,
    ready: true,
  },
  {
    id: 'tables',
    label: 'Tables',
    path: 'tables',
    permission: Permission.TABLES_MANAGE,
    ready: true,
  },
  {
    id: 'staff',
    label: 'Staff',
    path: 'users',
    permission: Permission.USERS_VIEW,
    ready: true,
  },
  {
    id: 'audit',
    label: 'Audit',
    path: 'audit',
    permission: Permission.AUDIT_VIEW,
    ready: true,
  },
];

/** The items a role may see. Hiding is a courtesy: the route guards and the API enforce. */
export function visibleNavItems(
  can: (permission: Permission) => boolean,
  items: readonly StaffNavItem[] = STAFF_NAV,
): StaffNavItem[] {
  return items.filter((item) => can(item.permission));
}
