import { ErrorCode, ROLES, Role } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import { StaffMember } from '@foyer/web/dashboard-data-access';
import { describeApiError } from '../messages/api-messages';

/**
 * Roles the signed-in user may hand out: only an owner can grant owner (the API refuses
 * the rest with 403; offering it would only produce errors).
 */
export function assignableRoles(actorRole: Role | null): readonly Role[] {
  return actorRole === Role.OWNER
    ? ROLES
    : ROLES.filter((role) => role !== Role.OWNER);
}

/** Why the actor may not change this member, or null when they may. */
export function lockedReason(
  actorRole: Role | null,
  actorId: string | null,
  member: StaffMember,
): string | null {
  if (member.id === actorId) {
    return 'This is you. Another owner or admin can change your access.';
  }
  if (member.role === Role.OWNER && actorRole !== Role.OWNER) {
    return 'Only an owner can change an owner.';
  }
  return null;
}

/** Sentences for failures of add / change / disable / remove. */
export function memberErrorMessage(error: ApiError): string {
  switch (error.code) {
    case ErrorCode.LAST_OWNER:
      return 'That would leave the venue without an owner. Make someone else an owner first.';
    case ErrorCode.FORBIDDEN:
      return 'Your role does not allow that. Only an owner can grant, change, disable or remove an owner.';
    case ErrorCode.NOT_FOUND:
      return 'That person is no longer a member of this venue. Reload the list.';
    default:
      return describeApiError(error);
  }
}
