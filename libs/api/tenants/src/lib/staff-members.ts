import { Injectable } from '@nestjs/common';
import { ErrorCode, JobName, Page, QueueName, Role } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DEFAULT_PAGE_SIZE,
  DomainError,
  Outbox,
  TenantContext,
  decodeCursor,
  encodeCursor,
  notFound,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { Sessions, StaffAccounts, StaffPrincipal } from '@foyer/api/auth';
import { Inject } from '@nestjs/common';
import {
  existingAccountInvitationMail,
  invitationMail,
} from './invitation-mail';

/** `invited` until its person accepts or sets a first password; it grants nothing before. */
export type MemberStatus = 'invited' | 'active' | 'disabled';

export interface StaffMemberView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: MemberStatus;
  disabled: boolean;
}

interface MemberRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  invited: boolean;
  disabled: boolean;
}

const view = (row: MemberRow): StaffMemberView => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  status: row.disabled ? 'disabled' : row.invited ? 'invited' : 'active',
  disabled: row.disabled,
});

/**
 * A member as this tenant may see them: an invited one by the address and name the
 * tenant sent (the account itself is not visible to a tenant before its person accepts:
 * row-level security on app_user admits active memberships only).
 */
const MEMBER_COLUMNS = `m.user_id AS id,
       COALESCE(u.email, m.invited_email) AS email,
       COALESCE(u.display_name, m.invited_name) AS display_name,
       m.role, (m.status = 'invited') AS invited, (m.disabled_at IS NOT NULL) AS disabled
  FROM membership m LEFT JOIN app_user u ON u.id = m.user_id AND m.status = 'active'`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staff accounts of the current tenant. Only an owner may grant, remove, demote or
 * disable an owner (checked first), and the last active owner cannot be removed,
 * demoted or disabled. Changes revoke the member's sessions and are audited.
 */
@Injectable()
export class StaffMembers {
  constructor(
    private readonly context: TenantContext,
    private readonly accounts: StaffAccounts,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(
    cursor: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
  ): Promise<Page<StaffMemberView>> {
    const after = decodeCursor(cursor, /^[^\n]{1,254}\n[0-9a-f-]{36}$/);
    const [afterEmail, afterId] = after
      ? after.split('\n')
      : ['', '00000000-0000-0000-0000-000000000000'];
    const rows: MemberRow[] = await this.context.manager.query(
      `SELECT * FROM (SELECT ${MEMBER_COLUMNS} WHERE m.tenant_id = $1) member
        WHERE (email, id) > ($2, $3::uuid)
        ORDER BY email, id LIMIT $4`,
      [
        this.context.tenantId,
        cursor === undefined ? '' : afterEmail,
        afterId,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(view),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(`${last.email}\n${last.id}`)
          : null,
    };
  }

  async add(
    actor: StaffPrincipal,
    input: { email: string; displayName: string; role: Role },
    requestId: string,
  ) {
    if (input.role === 'owner' && actor.role !== 'owner') {
      throw new DomainError(
        403,
        ErrorCode.FORBIDDEN,
        'Only an owner can grant the owner role.',
      );
    }
    if (await this.find(await this.userIdByEmail(input.email))) {
      throw new DomainError(
        409,
        ErrorCode.CONFLICT,
        'This person is already on the staff; change their role instead.',
      );
    }
    const added = await this.accounts.addMember(input);
    const member = (await this.find(added.userId)) as StaffMemberView;
    if (added.invitation) {
      const venue = await this.tenantName();
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
        400,
        ErrorCode.VALIDATION_FAILED,
        'Send a role or disabled.',
      );
    }
    const member = await this.find(userId);
    if (!member) {
      throw notFound('No staff member has this id.');
    }
    const touchesOwner = member.role === 'owner' || change.role === 'owner';
    if (touchesOwner && actor.role !== 'owner') {
      throw new DomainError(
        403,
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
      await this.ensureAnotherOwner(member.id);
    }
    await this.context.manager.query(
      `UPDATE membership SET role = COALESCE($2, role),
              disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN COALESCE(disabled_at, now()) ELSE NULL END
        WHERE user_id = $1 AND tenant_id = $4`,
      [
        userId,
        change.role ?? null,
        change.disabled ?? null,
        this.context.tenantId,
      ],
    );
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
    return (await this.find(userId)) as StaffMemberView;
  }

  async remove(
    actor: StaffPrincipal,
    userId: string,
    requestId: string,
  ): Promise<void> {
    const member = await this.find(userId);
    if (!member) {
      throw notFound('No staff member has this id.');
    }
    if (member.role === 'owner' && actor.role !== 'owner') {
      throw new DomainError(
        403,
        ErrorCode.FORBIDDEN,
        'Only an owner can remove an owner.',
      );
    }
    if (member.role === 'owner') {
      await this.ensureAnotherOwner(member.id);
    }
    await this.sessions.revokeAll(userId, 'membership_removed');
    await this.context.manager.query(
      'DELETE FROM membership WHERE user_id = $1 AND tenant_id = $2',
      [userId, this.context.tenantId],
    );
    await this.audit.record({
      action: 'staff.removed',
      actorId: actor.sub,
      targetType: 'user',
      targetId: userId,
      requestId,
    });
  }

  private async find(userId: string | null): Promise<StaffMemberView | null> {
    if (!userId || !UUID.test(userId)) {
      return null;
    }
    const rows: MemberRow[] = await this.context.manager.query(
      `SELECT ${MEMBER_COLUMNS} WHERE m.tenant_id = $1 AND m.user_id = $2`,
      [this.context.tenantId, userId],
    );
    return rows[0] ? view(rows[0]) : null;
  }

  private async userIdByEmail(email: string): Promise<string | null> {
    const rows: { id: string | null }[] = await this.context.manager.query(
      'SELECT app_user_id_by_email($1) AS id',
      [email],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Locks the tenant's active owner memberships so two concurrent demotions cannot both
   * pass. An invited owner is no owner yet: it does not count.
   */
  private async ensureAnotherOwner(exceptUserId: string): Promise<void> {
    const rows: { user_id: string }[] = await this.context.manager.query(
      `SELECT user_id FROM membership
        WHERE tenant_id = $1 AND role = 'owner' AND status = 'active' AND disabled_at IS NULL
        FOR UPDATE`,
      [this.context.tenantId],
    );
    if (!rows.some((row) => row.user_id !== exceptUserId)) {
      throw new DomainError(
        409,
        ErrorCode.LAST_OWNER,
        'A venue must keep at least one active owner.',
      );
    }
  }

  private async tenantName(): Promise<string> {
    const rows: { name: string }[] = await this.context.manager.query(
      'SELECT name FROM tenant WHERE id = $1',
      [this.context.tenantId],
    );
    return rows[0]?.name ?? 'Foyer';
  }
}
