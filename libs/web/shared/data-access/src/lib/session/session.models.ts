import {
  Permission,
  Role,
  SessionView,
  StaffUser as StaffUserView,
  TenantSummary as TenantView,
} from '@foyer/contracts';

export type StaffUser = Readonly<StaffUserView>;

export type TenantSummary = Readonly<TenantView>;

/** A tenant the signed-in user belongs to, with their role there. */
export interface Membership {
  readonly tenant: TenantSummary;
  readonly role: Role;
}

/** Who is signed in, where, and what they may do there. */
export interface AuthSession {
  readonly user: StaffUser;
  readonly tenant: TenantSummary;
  readonly role: Role;
  readonly permissions: readonly Permission[];
}

/** The memberships a session answer lists, each with its tenant. */
export function membershipsOf(view: SessionView): Membership[] {
  return view.memberships.map(({ tenantId, slug, name, role }) => ({
    tenant: { id: tenantId, slug, name },
    role,
  }));
}
