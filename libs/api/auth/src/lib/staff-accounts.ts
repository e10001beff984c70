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
export const ACCEPT_INVITATION_PURPOSE = 'accept-invitation';
/** How long a set-password or accept-invitation link works. */
export const INVITATION_TTL_HOURS = 72;

export interface NewMember {
  email: string;
  displayName: string;
  role: Role;
  /** Set directly (operator automation, demo seed); otherwise a one-time invitation is issued. */
  password?: string;
}

/** The one-time link an invited person follows: to set a first password, or to accept. */
export interface Invitation {
  path: '/set-password' | '/accept-invitation';
  /** The raw token, for the link's fragment only: never stored, logged or returned by the API. */
  token: string;
}

export interface AddedMember {
  userId: string;
  created: boolean;
  /** Absent when a password was given: the membership is active at once. */
  invitation?: Invitation;
}

/**
 * Creates or invites a staff identity to the current tenant. Without a password the
 * membership is `invited` and grants nothing until its person acts on the invitation: a
 * new account (or one that never set a password) sets its first password, an existing
 * one accepts. Either way the tenant keeps only the address and name it sent, so inviting
 * reveals nothing about an account that already exists.
 */
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
      'SELECT user_id, password_hash IS NOT NULL AS has_password FROM app_login_candidate($1)',
      [email],
    )) as { user_id: string; has_password: boolean }[];
    const userId = existing?.user_id ?? randomUUID();
    const created = !existing;
    const hash =
      input.password === undefined
        ? null
        : await this.passwords.hash(input.password);
    if (created) {
      await manager.query(
        `INSERT INTO app_user (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)`,
        [userId, email, input.displayName, hash],
      );
    }
    const active = hash !== null;
    await manager.query(
      `INSERT INTO membership (tenant_id, user_id, role, status, invited_email, invited_name)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role, disabled_at = NULL,
         status = CASE WHEN EXCLUDED.status = 'active' THEN 'active' ELSE membership.status END,
         invited_email = CASE WHEN EXCLUDED.status = 'active' THEN NULL ELSE membership.invited_email END,
         invited_name = CASE WHEN EXCLUDED.status = 'active' THEN NULL ELSE membership.invited_name END`,
      [
        tenantId,
        userId,
        input.role,
        active ? 'active' : 'invited',
        active ? null : email,
        active ? null : input.displayName,
      ],
    );
    if (!created && hash !== null) {
      // Operator automation only (no API path sets a password for someone else).
      await manager.query(
        `UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`,
        [userId, hash],
      );
    }
    if (active) {
      return { userId, created };
    }
    const accept = existing?.has_password === true;
    const purpose = accept ? ACCEPT_INVITATION_PURPOSE : SET_PASSWORD_PURPOSE;
    const token = randomToken();
    await manager.query(
      `INSERT INTO password_token (token_hash, tenant_id, user_id, expires_at, purpose)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5)`,
      [
        this.hasher.hash(purpose, token),
        tenantId,
        userId,
        INVITATION_TTL_HOURS,
        purpose,
      ],
    );
    return {
      userId,
      created,
      invitation: {
        path: accept ? '/accept-invitation' : '/set-password',
        token,
      },
    };
  }
}
