import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@foyer/contracts';
import { DomainError } from '@foyer/api/platform/errors';
import { SecurityEvents } from '@foyer/api/platform/logging';
import { REDIS } from '@foyer/api/platform/redis';
import Redis from 'ioredis';
import { createHash, randomUUID } from 'node:crypto';
import { PasswordAttempt } from './password-attempt';
import { PasswordHasher } from './password-hasher.service';

/** Guesses per account per window; the one that fails last locks the account. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_SECONDS = 15 * 60;
/**
 * How long a reserved guess counts while its request is still running. A request that
 * dies between reserving and settling frees its slot after this; one that settles later
 * still records its failure.
 */
export const LOCKOUT_IN_FLIGHT_SECONDS = 60;

/**
 * KEYS: lock, failed (zset id → ms), in flight (zset id → ms).
 * ARGV: attempt id, limit, window ms, in-flight ms.
 * Returns {1, 0} when the guess is reserved, else {0, ms until a retry may succeed}.
 */
const RESERVE = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local inflight = tonumber(ARGV[4])
local lock = redis.call('PTTL', KEYS[1])
if lock > 0 then
  return {0, lock}
elseif lock == -1 then
  return {0, window}
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - inflight)
if redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  local wait = window
  if oldest[2] then
    wait = tonumber(oldest[2]) + inflight - now
  end
  return {0, math.max(wait, 1)}
end
redis.call('ZADD', KEYS[3], now, ARGV[1])
redis.call('PEXPIRE', KEYS[3], inflight)
return {1, 0}
`;

/**
 * KEYS: lock, failed, in flight. ARGV: attempt id, limit, window ms.
 * The reservation becomes a failure; the limit-th failure in the window sets the lock
 * for the window and starts the count again. Returns 1 when this failure locked.
 */
const FAIL = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local window = tonumber(ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
redis.call('ZADD', KEYS[2], now, ARGV[1])
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[1], '1', 'PX', window)
  redis.call('DEL', KEYS[2])
  return 1
end
redis.call('PEXPIRE', KEYS[2], window)
return 0
`;

/** KEYS: failed, in flight. ARGV: attempt id. The reservation ends and failures clear. */
const SUCCEED = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1
`;

type Script = (...args: (string | number)[]) => Promise<unknown>;
interface LockoutCommands {
  foyerLockoutReserve: Script;
  foyerLockoutFail: Script;
  foyerLockoutSucceed: Script;
}

/** The lockout's key for an email, the same for login and password change. */
export function lockoutAccount(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/**
 * The per-account lockout every password check goes through (login, password change),
 * shared by all API instances through Redis. A guess is reserved atomically (one Lua
 * script counts failures and guesses in flight and reads the lock) before the password is
 * compared, so however many requests arrive together, on however many instances, at most
 * `LOCKOUT_FAILURES` are ever evaluated per account and window. Unknown emails are counted
 * and locked the same way, so the answer never says whether an account exists.
 */
@Injectable()
export class Lockout {
  private readonly commands: LockoutCommands;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly passwords: PasswordHasher,
    private readonly security: SecurityEvents,
  ) {
    redis.defineCommand('foyerLockoutReserve', {
      numberOfKeys: 3,
      lua: RESERVE,
    });
    redis.defineCommand('foyerLockoutFail', { numberOfKeys: 3, lua: FAIL });
    redis.defineCommand('foyerLockoutSucceed', {
      numberOfKeys: 2,
      lua: SUCCEED,
    });
    this.commands = redis as unknown as LockoutCommands;
  }

  /**
   * Reserves one guess for the account of `email`, or answers `429 ACCOUNT_LOCKED` (with
   * `Retry-After`) without looking at the password when none is left. The refusal costs
   * the same argon2 work as a check.
   */
  async reserve(email: string, req: object): Promise<PasswordAttempt> {
    const attempt = new PasswordAttempt(lockoutAccount(email), randomUUID());
    const [granted, waitMs] = (await this.commands.foyerLockoutReserve(
      ...this.keys(attempt.account),
      attempt.id,
      LOCKOUT_FAILURES,
      LOCKOUT_WINDOW_SECONDS * 1000,
      LOCKOUT_IN_FLIGHT_SECONDS * 1000,
    )) as [number, number];
    if (granted === 1) {
      return attempt;
    }
    await this.passwords.verifyNothing('');
    this.security.record('auth_failed', req, { reason: 'locked' });
    throw new DomainError(
      ErrorCode.ACCOUNT_LOCKED,
      'Too many failed sign-ins; try again later.',
      { headers: { 'Retry-After': String(Math.ceil(waitMs / 1000)) } },
    );
  }

  /** The guess was wrong; returns true when this failure locked the account. */
  async fail(attempt: PasswordAttempt): Promise<boolean> {
    if (!attempt.settle()) {
      return false;
    }
    const locked = await this.commands.foyerLockoutFail(
      ...this.keys(attempt.account),
      attempt.id,
      LOCKOUT_FAILURES,
      LOCKOUT_WINDOW_SECONDS * 1000,
    );
    return locked === 1;
  }

  /** The guess was right: the reservation ends and the account's failures clear. */
  async succeed(attempt: PasswordAttempt): Promise<void> {
    if (!attempt.settle()) {
      return;
    }
    const [, failed, inFlight] = this.keys(attempt.account);
    await this.commands.foyerLockoutSucceed(failed, inFlight, attempt.id);
  }

  /**
   * For a `finally`: an attempt the caller did not settle (an error on the way) counts as
   * a failure once its password was compared, and is released otherwise. Never throws; a
   * reservation Redis could not release expires on its own.
   */
  async abandon(attempt: PasswordAttempt): Promise<void> {
    if (attempt.settled) {
      return;
    }
    try {
      if (attempt.evaluated) {
        await this.fail(attempt);
        return;
      }
      attempt.settle();
      const [, , inFlight] = this.keys(attempt.account);
      await this.redis.zrem(inFlight, attempt.id);
    } catch {
      // The in-flight entry ages out after LOCKOUT_IN_FLIGHT_SECONDS.
    }
  }

  /**
   * A completed password reset: the account starts clean (no lock, no failures), since
   * the person who proved they hold the mailbox chose the new password.
   */
  async clear(email: string): Promise<void> {
    const [lock, failed] = this.keys(lockoutAccount(email));
    await this.redis.del(lock, failed);
  }

  /** One hash tag per account, so the script's keys share a slot on a cluster too. */
  private keys(account: string): [string, string, string] {
    const base = `auth:lockout:{${account}}`;
    return [`${base}:lock`, `${base}:failed`, `${base}:inflight`];
  }
}
