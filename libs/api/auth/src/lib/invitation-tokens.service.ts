import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import { TokenHasher } from '@foyer/api/platform/crypto';
import { TenantContext } from '@foyer/api/platform/database';
import {
  ACCOUNT_TOKEN_INVALID_STATUS,
  DomainError,
} from '@foyer/api/platform/errors';
import { AuditLog } from '@foyer/api/audit';
import { MembershipRepository } from './membership.repository';
import {
  PasswordTokenPurpose,
  PasswordTokenRepository,
} from './password-token.repository';
import { PasswordsService, weakPassword } from './passwords.service';
import { passwordProblems } from './password-policy';
import {
  ACCEPT_INVITATION_PURPOSE,
  SET_PASSWORD_PURPOSE,
} from './staff-accounts.service';
import { UserRepository } from './user.repository';

export const invalidToken = () =>
  new DomainError(ErrorCode.TOKEN_INVALID, 'This link is not valid any more.', {
    status: ACCOUNT_TOKEN_INVALID_STATUS,
  });

/**
 * The one-time links an invitation mails (72 h): set a first password (a new account),
 * or accept (an account that already exists). Spending either makes the invited
 * membership active, in the token's tenant only. A spent, expired, unknown or withdrawn
 * (membership removed) token is one answer, and a token is spent at most once however many
 * requests present it at once: the `UPDATE … WHERE used_at IS NULL` takes its row lock, so
 * the others find it spent.
 */
@Injectable()
export class InvitationTokens {
  constructor(
    private readonly context: TenantContext,
    private readonly hasher: TokenHasher,
    private readonly passwords: PasswordsService,
    private readonly audit: AuditLog,
    private readonly passwordTokens: PasswordTokenRepository,
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
  ) {}

  async setPassword(
    token: string,
    next: string,
    requestId: string,
  ): Promise<void> {
    await this.spend(SET_PASSWORD_PURPOSE, token, async (userId) => {
      // The membership was just activated: the account is this tenant's to read.
      const user = await this.users.profile(userId);
      if (!user) {
        throw invalidToken();
      }
      const problems = passwordProblems(next, {
        email: user.email,
        displayName: user.displayName,
      });
      if (problems.length > 0) {
        // Thrown inside the transaction: the token stays unspent for a better password.
        throw weakPassword(problems);
      }
      await this.passwords.store(userId, next);
      await this.audit.record({
        action: 'auth.password_set',
        actorId: userId,
        targetType: 'user',
        targetId: userId,
        requestId,
      });
    });
  }

  async accept(token: string, requestId: string): Promise<void> {
    await this.spend(ACCEPT_INVITATION_PURPOSE, token, async (userId) => {
      await this.audit.record({
        action: 'staff.invitation_accepted',
        actorId: userId,
        targetType: 'user',
        targetId: userId,
        requestId,
      });
    });
  }

  private async spend(
    purpose: PasswordTokenPurpose,
    token: string,
    then: (userId: string) => Promise<void>,
  ): Promise<void> {
    const hash = this.hasher.hash(purpose, token);
    const tenantId = await this.passwordTokens.tenantOf(hash);
    if (!tenantId) {
      throw invalidToken();
    }
    await this.context.run(tenantId, async () => {
      const userId = await this.passwordTokens.spend(hash, purpose);
      if (!userId) {
        throw invalidToken();
      }
      // The membership the invitation made; gone when the venue withdrew it.
      if (!(await this.memberships.activate(userId))) {
        throw invalidToken();
      }
      await then(userId);
    });
  }
}
