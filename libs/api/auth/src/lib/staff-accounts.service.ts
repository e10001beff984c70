import { Injectable } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { TokenHasher, randomToken } from '@foyer/api/platform/crypto';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError } from '@foyer/api/platform/errors';
import { ErrorCode } from '@foyer/contracts';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from './password-hasher.service';
import { MembershipRepository } from './membership.repository';
import { passwordProblems } from './password-policy';
import {
  PasswordTokenPurpose,
  PasswordTokenRepository,
} from './password-token.repository';
import { UserRepository } from './user.repository';

export const SET_PASSWORD_PURPOSE =
  'set-password' satisfies PasswordTokenPurpose;
export const ACCEPT_INVITATION_PURPOSE =
  'accept-invitation' satisfies PasswordTokenPurpose;
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
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly passwordTokens: PasswordTokenRepository,
  ) {}

  async addMember(input: NewMember): Promise<AddedMember> {
    if (!this.context.tenantId) {
      throw new Error('members are added inside a tenant context');
    }
    const email = input.email.trim().toLowerCase();
    if (input.password !== undefined) {
      const problems = passwordProblems(input.password, {
        email,
        displayName: input.displayName,
      });
      if (problems.length > 0) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          'The password is too weak.',
          {
            errors: problems.map((message) => ({ field: 'password', message })),
          },
        );
      }
    }
    const existing = await this.users.accountByEmail(email);
    const userId = existing?.userId ?? randomUUID();
    const created = !existing;
    const hash =
      input.password === undefined
        ? null
        : await this.passwords.hash(input.password);
    if (created) {
      await this.users.create({
        id: userId,
        email,
        displayName: input.displayName,
        passwordHash: hash,
      });
    }
    const active = hash !== null;
    await this.memberships.upsert({
      userId,
      role: input.role,
      active,
      invitedEmail: email,
      invitedName: input.displayName,
    });
    if (!created && hash !== null) {
      // Operator automation only (no API path sets a password for someone else).
      await this.users.replacePasswordHash(userId, hash);
    }
    if (active) {
      return { userId, created };
    }
    const accept = existing?.hasPassword === true;
    const purpose = accept ? ACCEPT_INVITATION_PURPOSE : SET_PASSWORD_PURPOSE;
    const token = randomToken();
    await this.passwordTokens.insert({
      hash: this.hasher.hash(purpose, token),
      userId,
      ttlHours: INVITATION_TTL_HOURS,
      purpose,
    });
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
