import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { PasswordAttempt } from './password-attempt';

/**
 * argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane), through
 * @node-rs/argon2: prebuilt per platform, no install script, no compiler.
 */
const OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against for unknown emails, so they cost the same time as known ones. */
  private dummy = '';

  async onModuleInit(): Promise<void> {
    this.dummy = await hash(randomBytes(16).toString('hex'), OPTIONS);
  }

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /**
   * Compares a password with a stored hash, spending `attempt`: a guess the lockout
   * reserved for this account (`Lockout.reserve`), so every check of a password is counted
   * and limited. Without a hash (unknown email, no password set yet) it compares with the
   * dummy, at the same cost, and fails.
   */
  async verify(
    attempt: PasswordAttempt,
    stored: string | null | undefined,
    password: string,
  ): Promise<boolean> {
    attempt.evaluate();
    return this.compare(stored || this.dummy, password);
  }

  /** Spends the same work as a real check against nobody's hash; always false. */
  async verifyNothing(password: string): Promise<false> {
    await this.compare(this.dummy, password);
    return false;
  }

  private async compare(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
}
