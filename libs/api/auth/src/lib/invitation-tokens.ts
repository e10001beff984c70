import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import { DomainError, TenantContext, TokenHasher } from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { PasswordsService, weakPassword } from './passwords.service';
import { passwordProblems } from './password-policy';
import {
  ACCEPT_INVITATION_PURPOSE,
  SET_PASSWORD_PURPOSE,
} from './staff-accounts';

export const invalidToken = () =>
  new DomainError(
    400,
    ErrorCode.TOKEN_INVALID,
    'This link is not valid any more.',
  );

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
  ) {}

  async setPassword(
    token: string,
    next: string,
    requestId: string,
  ): Promise<void> {
    await this.spend(SET_PASSWORD_PURPOSE, token, async (userId, manager) => {
      const [user] = (await manager.query(
        'SELECT email, display_name FROM app_user WHERE id = $1',
        [userId],
      )) as { email: string; display_name: string }[];
      const problems = passwordProblems(next, {
        email: user.email,
        displayName: user.display_name,
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
    purpose: string,
    token: string,
    then: (userId: string, manager: TenantContext['manager']) => Promise<void>,
  ): Promise<void> {
    const hash = this.hasher.hash(purpose, token);
    const tenantId = await this.context.withoutTenant(async (manager) => {
      const rows: { id: string | null }[] = await manager.query(
        'SELECT app_password_token_tenant($1) AS id',
        [hash],
      );
      return rows[0]?.id ?? null;
    });
    if (!tenantId) {
      throw invalidToken();
    }
    await this.context.run(tenantId, async (manager) => {
      const spent: { user_id: string }[] = await manager.query(
        `WITH spent AS (
           UPDATE password_token SET used_at = now()
            WHERE tenant_id = $1 AND token_hash = $2 AND purpose = $3
              AND used_at IS NULL AND expires_at > now()
           RETURNING user_id)
         SELECT user_id FROM spent`,
        [tenantId, hash, purpose],
      );
      const userId = spent[0]?.user_id;
      if (!userId) {
        throw invalidToken();
      }
      // The membership the invitation made; gone when the venue withdrew it.
      const activated: { role: string }[] = await manager.query(
        `WITH activated AS (
           UPDATE membership SET status = 'active', invited_email = NULL, invited_name = NULL
            WHERE tenant_id = $1 AND user_id = $2
           RETURNING role)
         SELECT role FROM activated`,
        [tenantId, userId],
      );
      if (activated.length === 0) {
        throw invalidToken();
      }
      await then(userId, manager);
    });
  }
}
