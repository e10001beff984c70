import { Permission, Role, ROLE_PERMISSIONS } from '@foyer/contracts';

const NONE: readonly Permission[] = Object.freeze([]);

/**
 * The permissions a role grants. An unknown role (a stale token, a bad row) grants
 * nothing rather than throwing, so every caller fails closed.
 */
export function permissionsFor(role: Role): readonly Permission[] {
  // Own-property check: a role string such as "constructor" must not reach the prototype.
  return typeof role === 'string' && Object.hasOwn(ROLE_PERMISSIONS, role)
    ? ROLE_PERMISSIONS[role]
    : NONE;
}

/**
 * Whether every required permission is granted. An empty requirement is vacuously met:
 * callers that treat "nothing declared" as a refusal (PermissionsGuard) check that first.
 */
export function hasPermissions(
  granted: readonly Permission[],
  required: readonly Permission[],
): boolean {
  const grantedSet = new Set<string>(granted);
  return required.every((permission) => grantedSet.has(permission));
}
