import { Injectable } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { TenantContext, text } from '@foyer/api/platform/database';
import { AuthRepository } from './auth-base.repository';
import {
  Membership,
  StaffMember,
  toMembership,
  toStaffMember,
} from './membership.mapper';

/**
 * A member as this tenant may see them: an invited one by the address and name the
 * tenant sent (row-level security on app_user admits active memberships only, and the
 * join says so too).
 */
const MEMBER_COLUMNS = `m.user_id AS id,
       COALESCE(u.email, m.invited_email) AS email,
       COALESCE(u.display_name, m.invited_name) AS display_name,
       m.role, (m.status = 'invited') AS invited, (m.disabled_at IS NOT NULL) AS disabled
  FROM membership m LEFT JOIN app_user u ON u.id = m.user_id AND m.status = 'active'`;

/** Where a page of members starts: after this (email, id); the first page has none. */
export interface MemberCursor {
  email: string;
  id: string;
}

/** The `membership` table of the current tenant. */
@Injectable()
export class MembershipRepository extends AuthRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /** Members ordered by (email, id), after `after`, at most `limit`. */
  page(after: MemberCursor | null, limit: number): Promise<StaffMember[]> {
    return this.select(
      `SELECT * FROM (SELECT ${MEMBER_COLUMNS} WHERE m.tenant_id = $1) member
        WHERE (email, id) > ($2, $3::uuid)
        ORDER BY email, id LIMIT $4`,
      [
        after?.email ?? '',
        after?.id ?? '00000000-0000-0000-0000-000000000000',
        limit,
      ],
      toStaffMember,
    );
  }

  find(userId: string): Promise<StaffMember | null> {
    return this.first(
      `SELECT ${MEMBER_COLUMNS} WHERE m.tenant_id = $1 AND m.user_id = $2`,
      [userId],
      toStaffMember,
    );
  }

  /** Sets the role and/or disabled state; absent (null) leaves it as it is. */
  async change(
    userId: string,
    change: { role: Role | null; disabled: boolean | null },
  ): Promise<void> {
    await this.execute(
      `UPDATE membership SET role = COALESCE($3, role),
              disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN COALESCE(disabled_at, now()) ELSE NULL END
        WHERE user_id = $2 AND tenant_id = $1`,
      [userId, change.role, change.disabled],
    );
  }

  async remove(userId: string): Promise<void> {
    await this.execute(
      'DELETE FROM membership WHERE user_id = $2 AND tenant_id = $1',
      [userId],
    );
  }

  /**
   * The tenant's active, enabled owners, row-locked until commit so two concurrent
   * demotions cannot both pass. An invited owner is no owner yet.
   */
  activeOwnerIds(): Promise<string[]> {
    return this.select(
      `SELECT user_id FROM membership
        WHERE tenant_id = $1 AND role = 'owner' AND status = 'active' AND disabled_at IS NULL
        FOR UPDATE`,
      [],
      (row) => text(row, 'user_id'),
    );
  }

  /**
   * Adds the user to this tenant, active or invited. An existing membership takes the
   * new role and is enabled; it becomes active when this one is, and otherwise keeps its
   * status and the address and name it was invited by.
   */
  async upsert(member: {
    userId: string;
    role: Role;
    active: boolean;
    invitedEmail: string;
    invitedName: string;
  }): Promise<void> {
    await this.execute(
      `INSERT INTO membership (tenant_id, user_id, role, status, invited_email, invited_name)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role, disabled_at = NULL,
         status = CASE WHEN EXCLUDED.status = 'active' THEN 'active' ELSE membership.status END,
         invited_email = CASE WHEN EXCLUDED.status = 'active' THEN NULL ELSE membership.invited_email END,
         invited_name = CASE WHEN EXCLUDED.status = 'active' THEN NULL ELSE membership.invited_name END`,
      [
        member.userId,
        member.role,
        member.active ? 'active' : 'invited',
        member.active ? null : member.invitedEmail,
        member.active ? null : member.invitedName,
      ],
    );
  }

  /** Makes the user's invited membership active; false when there is none (withdrawn). */
  async activate(userId: string): Promise<boolean> {
    const activated = await this.select(
      `WITH activated AS (
         UPDATE membership SET status = 'active', invited_email = NULL, invited_name = NULL
          WHERE tenant_id = $1 AND user_id = $2
         RETURNING role)
       SELECT role FROM activated`,
      [userId],
      (row) => text(row, 'role'),
    );
    return activated.length > 0;
  }

  // Definer functions: tenant-free, each scopes itself (see AuthRepository).

  /**
   * The user's active, enabled memberships in every tenant, by tenant name: read before
   * any tenant is chosen (login, switching tenants), so through `app_user_memberships`.
   */
  async membershipsOf(userId: string): Promise<Membership[]> {
    const rows = await this.definerWithoutTenant(
      'SELECT tenant_id, slug, name, role FROM app_user_memberships($1)',
      [userId],
    );
    return rows.map(toMembership);
  }
}
