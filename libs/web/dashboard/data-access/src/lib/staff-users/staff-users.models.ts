import { AddStaffRequest, MemberStatus, Role } from '@foyer/contracts';

/** A member of the current tenant, as `GET /api/staff/users` lists them. */
export type { StaffMember } from '@foyer/contracts';

/**
 * Where a membership stands: `invited` until an existing account accepts the invitation
 * (it grants nothing before), `active`, or `disabled`.
 */
export type MembershipStatus = MemberStatus;

export type NewStaffMember = Readonly<AddStaffRequest>;

/** PATCH takes one change at a time: a new role, or disabling/enabling. */
export type StaffMemberChange =
  { readonly role: Role } | { readonly disabled: boolean };
