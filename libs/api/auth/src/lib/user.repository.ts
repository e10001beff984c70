import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  bool,
  optionalText,
  text,
} from '@foyer/api/platform/database';
import { AuthRepository } from './auth-base.repository';
import {
  LoginCandidate,
  StaffUser,
  UserCredentials,
  toLoginCandidate,
  toStaffUser,
  toUserCredentials,
} from './user.mapper';

/**
 * An account is global (no tenant column): a tenant reaches it only through an active
 * membership of its own. This predicate says so in each statement, as the row-level
 * security policies of `app_user` do.
 */
const MEMBER_OF_TENANT = `EXISTS (SELECT 1 FROM membership m
   WHERE m.user_id = u.id AND m.tenant_id = $1 AND m.status = 'active')`;

/** The `app_user` table. */
@Injectable()
export class UserRepository extends AuthRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /** The account of an active member of this tenant, or null. */
  profile(userId: string): Promise<StaffUser | null> {
    return this.first(
      `SELECT u.id, u.email, u.display_name FROM app_user u
        WHERE u.id = $2 AND ${MEMBER_OF_TENANT}`,
      [userId],
      toStaffUser,
    );
  }

  /** Email, name and password hash of an active member of this tenant, or null. */
  credentials(userId: string): Promise<UserCredentials | null> {
    return this.first(
      `SELECT u.email, u.display_name, u.password_hash FROM app_user u
        WHERE u.id = $2 AND ${MEMBER_OF_TENANT}`,
      [userId],
      toUserCredentials,
    );
  }

  /**
   * Whether the password hash is still the one a login checked, share-locking the row
   * until commit: a change waiting on it then revokes the new session once it commits,
   * and one already made refuses the login.
   */
  async lockUnchangedPassword(
    userId: string,
    passwordHash: string | null,
  ): Promise<boolean> {
    const rows = await this.select(
      `SELECT 1 AS one FROM app_user u
        WHERE u.id = $2 AND u.password_hash = $3 AND ${MEMBER_OF_TENANT}
        FOR SHARE`,
      [userId, passwordHash],
      () => true,
    );
    return rows.length > 0;
  }

  /** Stores a new password hash and refuses every session started before now. */
  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.execute(
      `UPDATE app_user u SET password_hash = $3, tokens_valid_after = now(), updated_at = now()
        WHERE u.id = $2 AND ${MEMBER_OF_TENANT}`,
      [userId, passwordHash],
    );
  }

  /** Operator automation only: replaces the hash of a member's account. */
  async replacePasswordHash(
    userId: string,
    passwordHash: string,
  ): Promise<void> {
    await this.execute(
      `UPDATE app_user u SET password_hash = $3, updated_at = now()
        WHERE u.id = $2 AND ${MEMBER_OF_TENANT}`,
      [userId, passwordHash],
    );
  }

  /**
   * Creates an account (its membership of this tenant follows in the same transaction).
   * The one statement here without the tenant: an account has no tenant column, and its
   * row-level security admits a new one from inside a tenant context only, which
   * `tenantId` checks first.
   */
  async create(user: {
    id: string;
    email: string;
    displayName: string;
    passwordHash: string | null;
  }): Promise<void> {
    void this.tenantId;
    await this.manager.query(
      `INSERT INTO app_user (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)`,
      [user.id, user.email, user.displayName, user.passwordHash],
    );
  }

  // Definer functions: tenant-free, each scopes itself (see AuthRepository).

  /** The account of an email, for login: no tenant is known before it. */
  async loginCandidate(email: string): Promise<LoginCandidate | null> {
    const [row] = await this.definerWithoutTenant(
      'SELECT user_id, password_hash FROM app_login_candidate($1)',
      [email],
    );
    return row ? toLoginCandidate(row) : null;
  }

  /**
   * Whether an email has an account and whether it has a password, for an invitation:
   * the account may belong to no tenant or another one, which this tenant cannot see.
   */
  async accountByEmail(
    email: string,
  ): Promise<{ userId: string; hasPassword: boolean } | null> {
    const [row] = await this.definerWithoutTenant(
      'SELECT user_id, password_hash IS NOT NULL AS has_password FROM app_login_candidate($1)',
      [email],
    );
    return row
      ? { userId: text(row, 'user_id'), hasPassword: bool(row, 'has_password') }
      : null;
  }

  /** The account id of an email, whichever tenants it belongs to. */
  async idByEmail(email: string): Promise<string | null> {
    const [row] = await this.definerWithoutTenant(
      'SELECT app_user_id_by_email($1) AS id',
      [email],
    );
    return row ? optionalText(row, 'id') : null;
  }
}
