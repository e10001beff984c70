import { Injectable } from '@nestjs/common';
import { ErrorCode, Page, Role } from '@foyer/contracts';
import { DomainError } from '@foyer/api/platform/errors';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
} from '@foyer/api/platform/paging';
import { StaffMember } from './membership.mapper';
import { MembershipRepository } from './membership.repository';
import { StaffUser } from './user.mapper';
import { UserRepository } from './user.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The current tenant's staff as auth keeps them (memberships and the accounts behind
 * active ones): what the staff pages of other domains read and change, without touching
 * `membership` or `app_user` themselves. Sessions and audit are the caller's.
 */
@Injectable()
export class StaffDirectory {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
  ) {}

  /** Members by email, then id; the cursor is the last one's (email, id). */
  async list(
    cursor: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
  ): Promise<Page<StaffMember>> {
    const after = decodeCursor(cursor, /^[^\n]{1,254}\n[0-9a-f-]{36}$/);
    const [email = '', id = ''] = after ? after.split('\n') : [];
    const rows = await this.memberships.page(
      after ? { email, id } : null,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(`${last.email}\n${last.id}`)
          : null,
    };
  }

  /** The member with this user id, or null (also for an id that is no UUID). */
  async find(userId: string | null): Promise<StaffMember | null> {
    if (!userId || !UUID.test(userId)) {
      return null;
    }
    return this.memberships.find(userId);
  }

  /** The account id of an email, whether or not it is on this tenant's staff. */
  userIdByEmail(email: string): Promise<string | null> {
    return this.users.idByEmail(email);
  }

  /** Sets the member's role and/or disabled state (absent: unchanged). */
  change(
    userId: string,
    change: { role?: Role; disabled?: boolean },
  ): Promise<void> {
    return this.memberships.change(userId, {
      role: change.role ?? null,
      disabled: change.disabled ?? null,
    });
  }

  remove(userId: string): Promise<void> {
    return this.memberships.remove(userId);
  }

  /**
   * Locks the tenant's active owner memberships so two concurrent demotions cannot both
   * pass, and refuses when no owner but `exceptUserId` would remain.
   */
  async ensureAnotherOwner(exceptUserId: string): Promise<void> {
    const owners = await this.memberships.activeOwnerIds();
    if (!owners.some((id) => id !== exceptUserId)) {
      throw new DomainError(
        ErrorCode.LAST_OWNER,
        'A venue must keep at least one active owner.',
      );
    }
  }

  /** The account of an active member of this tenant, or null. */
  profile(userId: string): Promise<StaffUser | null> {
    return this.users.profile(userId);
  }
}
