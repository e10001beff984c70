import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import { DomainError } from '@foyer/api/platform/errors';
import { SecurityEvents } from '@foyer/api/platform/logging';
import { AuditLog } from '@foyer/api/audit';
import { Lockout } from './lockout.service';
import { PasswordHasher } from './password-hasher.service';
import { passwordProblems } from './password-policy';
import { Sessions } from './sessions.service';
import { UserRepository } from './user.repository';

export const weakPassword = (problems: string[]) =>
  new DomainError(
    ErrorCode.VALIDATION_FAILED,
    'The new password is too weak.',
    {
      errors: problems.map((message) => ({ field: 'newPassword', message })),
    },
  );

/** Password change (signed in), and the one way a password is stored from a session's tenant. */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly passwords: PasswordHasher,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly lockout: Lockout,
    private readonly security: SecurityEvents,
    private readonly users: UserRepository,
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
    const user = await this.users.credentials(userId);
    const wrong = new DomainError(
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
      if (!(await this.passwords.verify(attempt, user.passwordHash, current))) {
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
      displayName: user.displayName,
    });
    if (problems.length > 0) {
      throw weakPassword(problems);
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

  /**
   * Sets the user's password (already judged by the policy) and ends every session of
   * theirs in every tenant, inside the caller's transaction.
   */
  async store(userId: string, password: string): Promise<void> {
    await this.users.setPassword(userId, await this.passwords.hash(password));
    // In every tenant: the password is the user's, not one membership's.
    await this.sessions.revokeEverywhere(userId, 'password_changed');
  }
}
