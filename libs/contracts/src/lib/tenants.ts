import * as z from 'zod/mini';
import { ROLES, Role } from './permissions';
import { identifier } from './wire';

/** A venue as its public booking site reads it (`GET /api/public/venues/:slug`). */
export const PublicVenue = z.object({
  slug: z.string(),
  name: z.string(),
  /** IANA zone, e.g. "Europe/Berlin": the venue's times are shown in it. */
  timezone: z.string(),
  /** ISO 4217 code of the venue's prices. */
  currency: z.string(),
});
export type PublicVenue = z.infer<typeof PublicVenue>;

/**
 * Where a membership stands: `invited` until its person accepts or sets a first password
 * (it grants nothing before), `active`, or `disabled`.
 */
export const MEMBER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A member of the current tenant (`/api/staff/users`); `id` is the user's id. */
export const StaffMember = z.object({
  id: identifier,
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  status: z.enum(MEMBER_STATUSES),
  /** Whether the membership is disabled: the same as `status === 'disabled'`. */
  disabled: z.boolean(),
});
export type StaffMember = z.infer<typeof StaffMember>;

/**
 * The answer to adding a member (`201` of `POST /api/staff/users`): what the tenant sent,
 * the same whether the address had an account; a new member is never disabled.
 */
export const AddedStaffMember = z.omit(StaffMember, { disabled: true });
export type AddedStaffMember = z.infer<typeof AddedStaffMember>;

export interface AddStaffRequest {
  email: string;
  displayName: string;
  role: Role;
}

/** One change at a time: a new role, or disabling/enabling. */
export interface UpdateStaffRequest {
  role?: Role;
  disabled?: boolean;
}
