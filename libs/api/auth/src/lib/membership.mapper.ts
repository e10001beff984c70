import { ROLES, Role, StaffMember } from '@foyer/contracts';
import { Row, bool, oneOf, text } from '@foyer/api/platform/database';

/**
 * A member as their tenant may see them (the contract's `StaffMember`): an invited one by
 * the address and name the tenant sent (the account itself is not visible to a tenant
 * before its person accepts).
 */
export type { MemberStatus, StaffMember } from '@foyer/contracts';

/** One of a user's active, enabled memberships, with its tenant's slug and name. */
export interface Membership {
  tenantId: string;
  slug: string;
  name: string;
  role: Role;
}

export function toStaffMember(row: Row): StaffMember {
  const invited = bool(row, 'invited');
  const disabled = bool(row, 'disabled');
  return {
    id: text(row, 'id'),
    email: text(row, 'email'),
    displayName: text(row, 'display_name'),
    role: oneOf(row, 'role', ROLES),
    status: disabled ? 'disabled' : invited ? 'invited' : 'active',
    disabled,
  };
}

export function toMembership(row: Row): Membership {
  return {
    tenantId: text(row, 'tenant_id'),
    slug: text(row, 'slug'),
    name: text(row, 'name'),
    role: oneOf(row, 'role', ROLES),
  };
}
