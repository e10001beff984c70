import { Inject, Injectable } from '@nestjs/common';
import { JobName, QueueName } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TokenHasher, randomToken } from '@foyer/api/platform/crypto';
import { TenantContext } from '@foyer/api/platform/database';
import { SecurityEvents } from '@foyer/api/platform/logging';
import { Outbox } from '@foyer/api/platform/outbox';
import { REDIS } from '@foyer/api/platform/redis';
import { AuditLog } from '@foyer/api/audit';
import Redis from 'ioredis';
import { invalidToken } from './invitation-tokens.service';
import { Lockout } from './lockout.service';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher.service';
import { PasswordResetRepository } from './password-reset.repository';
import { passwordProblems } from './password-policy';
import { weakPassword } from './passwords.service';
import { passwordResetMail } from './recovery-mail';
import { Sessions } from './sessions.service';

export const PASSWORD_RESET_PURPOSE = 'password-reset';
export const PASSWORD_RESET_TTL_MINUTES = 30;
/** Reset mails one address receives per window, however often it is asked for. */
export const RESET_MAILS_PER_ADDRESS = 3;
export const RESET_MAIL_WINDOW_SECONDS = 60 * 60;

/** KEYS: the address's counter. ARGV: window ms. Counts and starts the window in one step. */
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

interface QuotaCommands {
  foyerResetMailTake: (key: string, windowMs: number) => Promise<number>;
}

/**
 * Forgot password. Asking is answered the same way whether or not the address has an
 * account: the caller always gets 202, the work is the same either way (one Redis script,
 * one definer call that stores the token and its sealed mail only for an account), and an
 * address receives at most RESET_MAILS_PER_ADDRESS mails an hour (further asks are
 * answered alike and send nothing; the login bucket limits each IP). The link works once,
 * for 30 minutes; spending it sets the password, spends the account's other reset links,
 * ends every session in every tenant and clears the lockout, in one statement.
 */
@Injectable()
export class PasswordReset {
  private readonly quota: QuotaCommands;

  constructor(
    private readonly context: TenantContext,
    private readonly hasher: TokenHasher,
    private readonly passwords: PasswordHasher,
    private readonly outbox: Outbox,
    private readonly sessions: Sessions,
    private readonly login: LoginService,
    private readonly lockout: Lockout,
    private readonly audit: AuditLog,
    private readonly security: SecurityEvents,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly resets: PasswordResetRepository,
  ) {
    redis.defineCommand('foyerResetMailTake', { numberOfKeys: 1, lua: TAKE });
    this.quota = redis as unknown as QuotaCommands;
  }

  async request(email: string, req: object): Promise<void> {
    const address = email.trim().toLowerCase();
    const counted = await this.quota.foyerResetMailTake(
      `auth:reset-mail:${this.hasher.hash('reset-mail-quota', address).toString('hex')}`,
      RESET_MAIL_WINDOW_SECONDS * 1000,
    );
    if (counted > RESET_MAILS_PER_ADDRESS) {
      this.security.record('reset_mail_capped', req);
      return;
    }
    const token = randomToken();
    const mail = this.outbox.sealed({
      queue: QueueName.MAIL,
      jobName: JobName.SEND_MAIL,
      payload: passwordResetMail({
        to: address,
        link: `${this.config.SITE_BASE_URL}/reset-password#t=${token}`,
        minutes: PASSWORD_RESET_TTL_MINUTES,
      }),
    });
    await this.resets.request({
      email: address,
      hash: this.hasher.hash(PASSWORD_RESET_PURPOSE, token),
      ttlMinutes: PASSWORD_RESET_TTL_MINUTES,
      mail,
    });
  }

  async reset(
    token: string,
    next: string,
    req: object,
    requestId: string,
  ): Promise<void> {
    const hash = this.hasher.hash(PASSWORD_RESET_PURPOSE, token);
    const subject = await this.resets.subject(hash);
    if (!subject) {
      throw invalidToken();
    }
    const problems = passwordProblems(next, {
      email: subject.email,
      displayName: subject.displayName,
    });
    if (problems.length > 0) {
      throw weakPassword(problems);
    }
    const passwordHash = await this.passwords.hash(next);
    // Spent here, once: of many requests with one token, one finds it open.
    const spent = await this.resets.reset(hash, passwordHash);
    if (!spent) {
      throw invalidToken();
    }
    const { userId, ended } = spent;
    this.sessions.announceRevoked(ended.map((s) => s.sessionId));
    await this.lockout.clear(subject.email);
    this.security.record('password_reset', req, { sessions: ended.length });
    // The reset is the account's, not one venue's: each venue's log records it.
    for (const membership of await this.login.membershipsOf(userId)) {
      await this.context.run(membership.tenantId, () =>
        this.audit.record({
          action: 'auth.password_reset',
          actorId: userId,
          targetType: 'user',
          targetId: userId,
          metadata: {
            sessions: ended.filter((s) => s.tenantId === membership.tenantId)
              .length,
          },
          requestId,
        }),
      );
    }
  }
}
