import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, JobName, Page, QueueName, Role } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { Outbox } from '@foyer/api/platform/outbox';
import { DEFAULT_PAGE_SIZE } from '@foyer/api/platform/paging';
import { AuditLog } from '@foyer/api/audit';
import {
  Sessions,
  StaffAccounts,
  StaffDirectory,
  StaffMember,
  StaffPrincipal,
} from '@foyer/api/auth';
import {
  existingAccountInvitationMail,
  invitationMail,
} from './invitation-mail';
import { TenantDirectory } from './tenant-directory.service';

export type { MemberStatus } from '@foyer/api/auth';

/** A member as this tenant may see them (auth's `StaffMember`). */
export type StaffMemberView = StaffMember;

/**
 * Staff accounts of the current tenant. Only an owner may grant, remove, demote or
 * disable an owner (checked first), and the last active owner cannot be removed,
 * demoted or disabled. Changes revoke the member's sessions and are audited. The
 * memberships themselves are auth's: read and changed through `StaffDirectory`.
 */
@Injectable()
export class StaffMembers {
  constructor(
    private readonly context: TenantContext,
    private readonly staff: StaffDirectory,
    private readonly accounts: StaffAccounts,
    private readonly sessions: Sessions,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(
    cursor: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
  ): Promise<Page<StaffMemberView>> {
    return this.staff.list(cursor, limit);
  }

  async add(
    actor: StaffPrincipal,
    input: { email: string; displayName: string; role: Role },
    requestId: string,
  ) {
    if (input.role === 'owner' && actor.role !== 'owner') {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Only an owner can grant the owner role.',
      );
    }
    if (await this.staff.find(await this.staff.userIdByEmail(input.email))) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        'This person is already on the staff; change their role instead.',
      );
    }
    const added = await this.accounts.addMember(input);
    const member = (await this.staff.find(added.userId)) as StaffMemberView;
    if (added.invitation) {
      const venue = (await this.tenants.current()).name;
      const link = `${this.config.SITE_BASE_URL}${added.invitation.path}#t=${added.invitation.token}`;
      await this.outbox.add({
        queue: QueueName.MAIL,
        jobName: JobName.SEND_MAIL,
        tenantId: this.context.tenantId,
        payload:
          added.invitation.path === '/set-password'
            ? invitationMail({ to: member.email, venue, link })
            : existingAccountInvitationMail({ to: member.email, venue, link }),
      });
    }
    await this.audit.record({
      action: 'staff.added',
      actorId: actor.sub,
      targetType: 'user',
      targetId: member.id,
      metadata: { role: member.role, newAccount: added.created },
      requestId,
    });
    // The same answer whether the address had an account: what the tenant sent.
    return {
      id: member.id,
      email: member.email,
      displayName: member.displayName,
      role: member.role,
      status: member.status,
    };
  }

  async update(
    actor: StaffPrincipal,
    userId: string,
    change: { role?: Role; disabled?: boolean },
    requestId: string,
  ) {
    if (change.role === undefined && change.disabled === undefined) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'Send a role or disabled.',
      );
    }
    const member = await this.staff.find(userId);
    if (!member) {
      throw notFound('No staff member has this id.');
    }
    const touchesOwner = member.role === 'owner' || change.role === 'owner';
    if (touchesOwner && actor.role !== 'owner') {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Only an owner can grant, demote or disable an owner.',
      );
    }
    const demotes =
      member.role === 'owner' &&
      change.role !== undefined &&
      change.role !== 'owner';
    const disables = member.role === 'owner' && change.disabled === true;
    if (demotes || disables) {
      await this.staff.ensureAnotherOwner(member.id);
    }
    await this.staff.change(userId, change);
    await this.sessions.revokeAll(userId, 'membership_changed');
    if (change.role !== undefined && change.role !== member.role) {
      await this.audit.record({
        action: 'staff.role_changed',
        actorId: actor.sub,
        targetType: 'user',
        targetId: userId,
        metadata: { from: member.role, to: change.role },
        requestId,
      });
    }
    if (change.disabled !== undefined && change.disabled !== member.disabled) {
      await this.audit.record({
        action: change.disabled ? 'staff.disabled' : 'staff.enabled',
        actorId: actor.sub,
        targetType: 'user',
        targetId: userId,
        requestId,
      });
    }
    return (await this.staff.find(userId)) as StaffMemberView;
  }

  async remove(
    actor: StaffPrincipal,
    userId: string,
    requestId: string,
  ): Promise<void> {
    const member = await this.staff.find(userId);
    if (!member) {
      throw notFound('No staff member has this id.');
    }
    if (member.role === 'owner' && actor.role !== 'owner') {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Only an owner can remove an owner.',
      );
    }
    if (member.role === 'owner') {
      await this.staff.ensureAnotherOwner(member.id);
    }
    await this.sessions.revokeAll(userId, 'membership_removed');
    await this.staff.remove(userId);
    await this.audit.record({
      action: 'staff.removed',
      actorId: actor.sub,
      targetType: 'user',
      targetId: userId,
      requestId,
    });
  }
}
