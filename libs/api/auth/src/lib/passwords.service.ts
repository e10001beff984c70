import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import {
  DomainError,
  SecurityEvents,
  TenantContext,
  TokenHasher,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { Lockout } from './lockout';
import { PasswordHasher } from './password-hasher';
import { passwordProblems } from './password-policy';
import { Sessions } from './sessions';
import { SET_PASSWORD_PURPOSE } from './staff-accounts';

const weak = (problems: string[]) =>
  new DomainError(
    400,
    ErrorCode.VALIDATION_FAILED,
    'The new password is too weak.',
    {
      errors: problems.map((message) => ({ field: 'newPassword', message })),
    },
  );

/** Password change (signed in) and first password from a one-time token (invitation). */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly context: TenantContext,
    private readonly passwords: PasswordHasher,
    private readonly hasher: TokenHasher,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly lockout: Lockout,
    private readonly security: SecurityEvents,
  ) {}

  /**
   * Inside the caller's tenant transaction: every session of the user ends, in every
   * tenant, including this one. The current password is a guess like a login's: it goes through the same lockout
   * (the account's counter, shared with login), so a stolen session cannot guess its way
   * to the password; when the account is locked the answer is `429 ACCOUNT_LOCKED`.
   */
  async change(
    userId: string,
    current: string,
    next: string,
    requestId: string,
    req: object,
  ): Promise<void> {
    const [user] = (await this.context.manager.query(
      'SELECT email, display_name, password_hash FROM app_user WHERE id = $1',
      [userId],
    )) as {
      email: string;
      display_name: string;
      password_hash: string | null;
    }[];
    const wrong = new DomainError(
      400,
      ErrorCode.VALIDATION_FAILED,
      'The current password is not correct.',
      {
        errors: [{ field: 'currentPassword', message: 'is not correct' }],
      },
    );
    if (!user) {
      throw wrong;
    }
    const attempt = await this.lockout.reserve(user.email, req);
    try {
      if (
        !(await this.passwords.verify(attempt, user.password_hash, current))
      ) {
        const locked = await this.lockout.fail(attempt);
        this.security.record('auth_failed', req, {
          locked,
          reason: 'current_password',
        });
        throw wrong;
      }
      await this.lockout.succeed(attempt);
    } finally {
      await this.lockout.abandon(attempt);
    }
    const problems = passwordProblems(next, {
      email: user.email,
      displayName: user.display_name,
    });
    if (problems.length > 0) {
      throw weak(problems);
    }
    await this.store(userId, next);
    await this.audit.record({
      action: 'auth.password_changed',
      actorId: userId,
      targetType: 'user',
      targetId: userId,
      requestId,
    });
  }

  /** Spends a set-password token; unknown, spent or expired tokens are one answer. */
  async setWithToken(
    token: string,
    next: string,
    requestId: string,
  ): Promise<void> {
    const hash = this.hasher.hash(SET_PASSWORD_PURPOSE, token);
    const tenantId = await this.context.withoutTenant(async (manager) => {
      const rows: { id: string | null }[] = await manager.query(
        'SELECT app_password_token_tenant($1) AS id',
        [hash],
      );
      return rows[0]?.id ?? null;
    });
    const invalid = new DomainError(
      400,
      ErrorCode.TOKEN_INVALID,
      'This link is not valid any more.',
    );
    if (!tenantId) {
      throw invalid;
    }
    await this.context.run(tenantId, async (manager) => {
      const rows: { user_id: string; email: string; display_name: string }[] =
        await manager.query(
          `SELECT t.user_id, u.email, u.display_name FROM password_token t JOIN app_user u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() FOR UPDATE OF t`,
          [hash],
        );
      const row = rows[0];
      if (!row) {
        throw invalid;
      }
      const problems = passwordProblems(next, {
        email: row.email,
        displayName: row.display_name,
      });
      if (problems.length > 0) {
        throw weak(problems);
      }
      await manager.query(
        'UPDATE password_token SET used_at = now() WHERE token_hash = $1',
        [hash],
      );
      await this.store(row.user_id, next);
      await this.audit.record({
        action: 'auth.password_set',
        actorId: row.user_id,
        targetType: 'user',
        targetId: row.user_id,
        requestId,
      });
    });
  }

  private async store(userId: string, password: string): Promise<void> {
    await this.context.manager.query(
      `UPDATE app_user SET password_hash = $2, tokens_valid_after = now(), updated_at = now() WHERE id = $1`,
      [userId, await this.passwords.hash(password)],
    );
    // In every tenant: the password is the user's, not one membership's.
    await this.sessions.revokeEverywhere(userId, 'password_changed');
  }
}
