import { Injectable } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import {
  DomainError,
  TenantContext,
  TokenHasher,
  randomToken,
} from '@foyer/api/platform';
import { ErrorCode } from '@foyer/contracts';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from './password-hasher';
import { passwordProblems } from './password-policy';

export const SET_PASSWORD_PURPOSE = 'set-password';
export const SET_PASSWORD_TTL_HOURS = 72;

export interface NewMember {
  email: string;
  displayName: string;
  role: Role;
  /** Set directly (operator automation, demo seed); otherwise a one-time set-password token is issued. */
  password?: string;
}

export interface AddedMember {
  userId: string;
  created: boolean;
  /** The raw one-time token, for the invitation link only: never stored, logged or returned by the API. */
  setPasswordToken?: string;
}

/** Creates or attaches a staff identity to the current tenant. */
@Injectable()
export class StaffAccounts {
  constructor(
    private readonly context: TenantContext,
    private readonly passwords: PasswordHasher,
    private readonly hasher: TokenHasher,
  ) {}

  async addMember(input: NewMember): Promise<AddedMember> {
    const tenantId = this.context.tenantId;
    if (!tenantId) {
      throw new Error('members are added inside a tenant context');
    }
    const manager = this.context.manager;
    const email = input.email.trim().toLowerCase();
    if (input.password !== undefined) {
      const problems = passwordProblems(input.password, {
        email,
        displayName: input.displayName,
      });
      if (problems.length > 0) {
        throw new DomainError(
          400,
          ErrorCode.VALIDATION_FAILED,
          'The password is too weak.',
          {
            errors: problems.map((message) => ({ field: 'password', message })),
          },
        );
      }
    }
    const [existing] = (await manager.query(
      'SELECT app_user_id_by_email($1) AS id',
      [email],
    )) as { id: string | null }[];
    const userId = existing?.id ?? randomUUID();
    const created = !existing?.id;
    if (created) {
      const hash = input.password
        ? await this.passwords.hash(input.password)
        : null;
      await manager.query(
        `INSERT INTO app_user (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)`,
        [userId, email, input.displayName, hash],
      );
    }
    await manager.query(
      `INSERT INTO membership (tenant_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role, disabled_at = NULL`,
      [tenantId, userId, input.role],
    );
    if (!created && input.password) {
      await manager.query(
        `UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`,
        [userId, await this.passwords.hash(input.password)],
      );
    }
    if (input.password || !created) {
      return { userId, created };
    }
    const token = randomToken();
    await manager.query(
      `INSERT INTO password_token (token_hash, tenant_id, user_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
      [
        this.hasher.hash(SET_PASSWORD_PURPOSE, token),
        tenantId,
        userId,
        SET_PASSWORD_TTL_HOURS,
      ],
    );
    return { userId, created, setPasswordToken: token };
  }
}
