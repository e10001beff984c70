import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError } from '@foyer/api/platform/errors';
import { SecurityEvents } from '@foyer/api/platform/logging';
import { AuditLog } from '@foyer/api/audit';
import { Lockout } from './lockout.service';
import { Membership } from './membership.mapper';
import { MembershipRepository } from './membership.repository';
import { PasswordHasher } from './password-hasher.service';
import { IssuedTokens, Sessions, deviceOf } from './sessions.service';
import { UserRepository } from './user.repository';

export type { Membership } from './membership.mapper';

export interface LoginResult {
  userId: string;
  membership: Membership;
  memberships: Membership[];
  tokens: IssuedTokens;
}

const invalidCredentials = () =>
  new DomainError(
    ErrorCode.INVALID_CREDENTIALS,
    'The email or password is not correct.',
  );

/**
 * Password login. Unknown emails cost the same argon2 work and get the same answer as
 * wrong passwords. Each attempt first reserves a guess in the account's lockout (Redis,
 * shared by every API instance): the fifth failure within 15 minutes locks the account
 * for 15 minutes, and no more than five guesses are ever evaluated in that time, however
 * many arrive at once.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly context: TenantContext,
    private readonly passwords: PasswordHasher,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly security: SecurityEvents,
    private readonly lockout: Lockout,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async login(
    input: { email: string; password: string; tenantSlug?: string },
    req: object,
    requestId: string,
  ): Promise<LoginResult> {
    const email = input.email.trim().toLowerCase();
    // The guess is counted before the password is looked at; 429 when none is left.
    const attempt = await this.lockout.reserve(email, req);
    try {
      const candidate = await this.users.loginCandidate(email);
      // Unknown emails are compared with the dummy hash: the same work, and false.
      const passwordOk = await this.passwords.verify(
        attempt,
        candidate?.passwordHash,
        input.password,
      );
      const memberships = candidate
        ? await this.membershipsOf(candidate.userId)
        : [];
      const membership = input.tenantSlug
        ? memberships.find((m) => m.slug === input.tenantSlug)
        : memberships[0];

      if (!candidate || !passwordOk || !membership) {
        const locked = await this.lockout.fail(attempt);
        await this.recordFailure(
          locked,
          candidate?.userId,
          memberships,
          req,
          requestId,
        );
        throw invalidCredentials();
      }

      await this.lockout.succeed(attempt);
      const tokens = await this.context.run(membership.tenantId, async () => {
        // The password was checked against the hash read before; a change or reset that
        // committed since must not be outrun. FOR SHARE makes a change waiting on the row
        // revoke this session once it commits, and a change already made refuses it here.
        const unchanged = await this.users.lockUnchangedPassword(
          candidate.userId,
          candidate.passwordHash,
        );
        if (!unchanged) {
          throw invalidCredentials();
        }
        const issued = await this.sessions.start(
          candidate.userId,
          membership.role,
          deviceOf(req),
        );
        await this.audit.record({
          action: 'auth.login_succeeded',
          actorId: candidate.userId,
          targetType: 'session',
          targetId: issued.sessionId,
          requestId,
        });
        return issued;
      });
      return { userId: candidate.userId, membership, memberships, tokens };
    } finally {
      await this.lockout.abandon(attempt);
    }
  }

  /** The user's active, enabled memberships in every tenant, by tenant name. */
  membershipsOf(userId: string): Promise<Membership[]> {
    return this.memberships.membershipsOf(userId);
  }

  private async recordFailure(
    locked: boolean,
    userId: string | undefined,
    memberships: Membership[],
    req: object,
    requestId: string,
  ): Promise<void> {
    this.security.record('auth_failed', req, { locked });
    if (!userId) {
      return;
    }
    // A known account's failures are audited in every tenant it belongs to.
    for (const membership of memberships) {
      await this.context.run(membership.tenantId, async () => {
        await this.audit.record({
          action: 'auth.login_failed',
          actorId: null,
          targetType: 'user',
          targetId: userId,
          requestId,
        });
        if (locked) {
          await this.audit.record({
            action: 'auth.account_locked',
            actorId: null,
            targetType: 'user',
            targetId: userId,
            requestId,
          });
        }
      });
    }
  }
}
