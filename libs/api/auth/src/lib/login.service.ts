import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, Role } from '@foyer/contracts';
import {
  DomainError,
  REDIS,
  SecurityEvents,
  TenantContext,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { PasswordHasher } from './password-hasher';
import { IssuedTokens, Sessions } from './sessions';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_SECONDS = 15 * 60;

export interface Membership {
  tenantId: string;
  slug: string;
  name: string;
  role: Role;
}

export interface LoginResult {
  userId: string;
  membership: Membership;
  memberships: Membership[];
  tokens: IssuedTokens;
}

const invalidCredentials = () =>
  new DomainError(
    401,
    ErrorCode.INVALID_CREDENTIALS,
    'The email or password is not correct.',
  );

/**
 * Password login. Unknown emails cost the same argon2 work and get the same answer as
 * wrong passwords. Failures are counted per account in Redis (shared by every API
 * instance); the fifth within 15 minutes locks the account for 15 minutes.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly context: TenantContext,
    private readonly passwords: PasswordHasher,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly security: SecurityEvents,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async login(
    input: { email: string; password: string; tenantSlug?: string },
    req: object,
    requestId: string,
  ): Promise<LoginResult> {
    const email = input.email.trim().toLowerCase();
    const account = createHash('sha256').update(email).digest('hex');
    const lockTtl = await this.redis.ttl(`auth:lock:${account}`);
    if (lockTtl > 0) {
      await this.passwords.verifyNothing(input.password);
      this.security.record('auth_failed', req, { reason: 'locked' });
      throw new DomainError(
        429,
        ErrorCode.ACCOUNT_LOCKED,
        'Too many failed sign-ins; try again later.',
        {
          headers: { 'Retry-After': String(lockTtl) },
        },
      );
    }

    const candidate = await this.context.withoutTenant(async (manager) => {
      const rows: { user_id: string; password_hash: string | null }[] =
        await manager.query(
          'SELECT user_id, password_hash FROM app_login_candidate($1)',
          [email],
        );
      return rows[0];
    });
    const passwordOk = candidate
      ? await this.passwords.verify(candidate.password_hash, input.password)
      : await this.passwords.verifyNothing(input.password);
    const memberships = candidate
      ? await this.membershipsOf(candidate.user_id)
      : [];
    const membership = input.tenantSlug
      ? memberships.find((m) => m.slug === input.tenantSlug)
      : memberships[0];

    if (!candidate || !passwordOk || !membership) {
      await this.recordFailure(
        account,
        candidate?.user_id,
        memberships,
        req,
        requestId,
      );
      throw invalidCredentials();
    }

    await this.redis.del(`auth:fail:${account}`);
    const tokens = await this.context.run(membership.tenantId, async () => {
      const issued = await this.sessions.start(
        candidate.user_id,
        membership.role,
      );
      await this.audit.record({
        action: 'auth.login_succeeded',
        actorId: candidate.user_id,
        targetType: 'session',
        targetId: issued.sessionId,
        requestId,
      });
      return issued;
    });
    return { userId: candidate.user_id, membership, memberships, tokens };
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    return this.context.withoutTenant(async (manager) => {
      const rows: {
        tenant_id: string;
        slug: string;
        name: string;
        role: Role;
      }[] = await manager.query(
        'SELECT tenant_id, slug, name, role FROM app_user_memberships($1)',
        [userId],
      );
      return rows.map((row) => ({
        tenantId: row.tenant_id,
        slug: row.slug,
        name: row.name,
        role: row.role,
      }));
    });
  }

  private async recordFailure(
    account: string,
    userId: string | undefined,
    memberships: Membership[],
    req: object,
    requestId: string,
  ): Promise<void> {
    const key = `auth:fail:${account}`;
    const failures = await this.redis.incr(key);
    if (failures === 1) {
      await this.redis.expire(key, LOCKOUT_WINDOW_SECONDS);
    }
    const locked = failures >= LOCKOUT_FAILURES;
    if (locked) {
      await this.redis
        .multi()
        .set(`auth:lock:${account}`, '1', 'EX', LOCKOUT_WINDOW_SECONDS)
        .del(key)
        .exec();
    }
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
