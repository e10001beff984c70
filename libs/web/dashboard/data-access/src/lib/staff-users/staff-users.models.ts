import { Page, Role, isRole } from '@foyer/contracts';

/**
 * Where a membership stands: `invited` until an existing account accepts the invitation
 * (it grants nothing before), `active`, or `disabled`.
 */
export type MembershipStatus = 'invited' | 'active' | 'disabled';

const STATUSES: readonly string[] = ['invited', 'active', 'disabled'];

const isStatus = (value: unknown): value is MembershipStatus =>
  typeof value === 'string' && STATUSES.includes(value);

/** A member of the current tenant, as `GET /api/staff/users` lists them. */
export interface StaffMember {
  /** The user id (the `:id` of PATCH/DELETE /api/staff/users/:id). */
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly status: MembershipStatus;
}

export interface NewStaffMember {
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}

/** PATCH takes one change at a time: a new role, or disabling/enabling. */
export type StaffMemberChange =
  { readonly role: Role } | { readonly disabled: boolean };

type Json = Record<string, unknown>;

const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;

export function parseStaffMember(value: unknown): StaffMember | null {
  const raw = record(value);
  const id = raw?.['id'];
  const email = raw?.['email'];
  const role = raw?.['role'];
  if (typeof id !== 'string' || typeof email !== 'string' || !isRole(role)) {
    return null;
  }
  const displayName = raw?.['displayName'];
  const status = raw?.['status'];
  const disabled = raw?.['disabled'] === true || status === 'disabled';
  return {
    id,
    email,
    displayName: typeof displayName === 'string' ? displayName : '',
    role,
    disabled,
    // Like the other optional fields: an older or partial body still reads.
    status: isStatus(status) ? status : disabled ? 'disabled' : 'active',
  };
}

/** Reads a `{items, nextCursor}` page, keeping only items `parse` accepts. */
export function parsePage<T>(
  value: unknown,
  parse: (item: unknown) => T | null,
): Page<T> {
  const raw = record(value);
  const items = Array.isArray(raw?.['items'])
    ? (raw['items'] as unknown[])
    : [];
  const cursor = raw?.['nextCursor'];
  return {
    items: items.flatMap((item) => {
      const parsed = parse(item);
      return parsed === null ? [] : [parsed];
    }),
    nextCursor: typeof cursor === 'string' && cursor !== '' ? cursor : null,
  };
}
