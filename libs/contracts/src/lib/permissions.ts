/**
 * Permissions and roles of the HTTP contract (docs/architecture.md, "Roles and permissions").
 * Shared by the API guards and the SPA route guards, so it stays framework-free.
 * Checks are always on permissions, never on role names.
 */
export const Permission = {
  TENANT_MANAGE: 'tenant:manage',
  USERS_VIEW: 'users:view',
  USERS_MANAGE: 'users:manage',
  AUDIT_VIEW: 'audit:view',
  MENU_VIEW: 'menu:view',
  MENU_EDIT: 'menu:edit',
  TABLES_MANAGE: 'tables:manage',
  ORDERS_VIEW: 'orders:view',
  ORDERS_UPDATE: 'orders:update',
  PERFORMANCES_VIEW: 'performances:view',
  PERFORMANCES_EDIT: 'performances:edit',
  RESERVATIONS_VIEW: 'reservations:view',
  RESERVATIONS_MANAGE: 'reservations:manage',
  PRIVACY_MANAGE: 'privacy:manage',
  CHECKIN_SCAN: 'checkin:scan',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

export const Role = {
  OWNER: 'owner',
  ADMIN: 'admin',
  MANAGER: 'manager',
  HOST: 'host',
  KITCHEN: 'kitchen',
  VIEWER: 'viewer',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

/** Most to least privileged; the order role pickers show. */
export const ROLES: readonly Role[] = Object.freeze([
  Role.OWNER,
  Role.ADMIN,
  Role.MANAGER,
  Role.HOST,
  Role.KITCHEN,
  Role.VIEWER,
]);

export const PERMISSIONS: readonly Permission[] = Object.freeze(
  Object.values(Permission),
);

const P = Permission;

// Frozen so no caller can widen a role at runtime by mutating a shared array.
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> =
  Object.freeze({
    owner: Object.freeze([
      P.TENANT_MANAGE,
      P.USERS_VIEW,
      P.USERS_MANAGE,
      P.AUDIT_VIEW,
      P.MENU_VIEW,
      P.MENU_EDIT,
      P.TABLES_MANAGE,
      P.ORDERS_VIEW,
      P.ORDERS_UPDATE,
      P.PERFORMANCES_VIEW,
      P.PERFORMANCES_EDIT,
      P.RESERVATIONS_VIEW,
      P.RESERVATIONS_MANAGE,
      P.PRIVACY_MANAGE,
      P.CHECKIN_SCAN,
    ]),
    admin: Object.freeze([
      P.USERS_VIEW,
      P.USERS_MANAGE,
      P.AUDIT_VIEW,
      P.MENU_VIEW,
      P.MENU_EDIT,
      P.TABLES_MANAGE,
      P.ORDERS_VIEW,
      P.ORDERS_UPDATE,
      P.PERFORMANCES_VIEW,
      P.PERFORMANCES_EDIT,
      P.RESERVATIONS_VIEW,
      P.RESERVATIONS_MANAGE,
      P.PRIVACY_MANAGE,
      P.CHECKIN_SCAN,
    ]),
    manager: Object.freeze([
      P.USERS_VIEW,
      P.MENU_VIEW,
      P.MENU_EDIT,
      P.TABLES_MANAGE,
      P.ORDERS_VIEW,
      P.ORDERS_UPDATE,
      P.PERFORMANCES_VIEW,
      P.PERFORMANCES_EDIT,
      P.RESERVATIONS_VIEW,
      P.RESERVATIONS_MANAGE,
      P.CHECKIN_SCAN,
    ]),
    host: Object.freeze([
      P.MENU_VIEW,
      P.ORDERS_VIEW,
      P.PERFORMANCES_VIEW,
      P.CHECKIN_SCAN,
    ]),
    kitchen: Object.freeze([P.MENU_VIEW, P.ORDERS_VIEW, P.ORDERS_UPDATE]),
    viewer: Object.freeze([P.MENU_VIEW, P.ORDERS_VIEW, P.PERFORMANCES_VIEW]),
  });

export function isRole(value: unknown): value is Role {
  return (
    typeof value === 'string' && (ROLES as readonly string[]).includes(value)
  );
}

export function isPermission(value: unknown): value is Permission {
  return (
    typeof value === 'string' &&
    (PERMISSIONS as readonly string[]).includes(value)
  );
}
