import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

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

  async verify(
    stored: string | null | undefined,
    password: string,
  ): Promise<boolean> {
    try {
      return await verify(stored || this.dummy, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real check; always false. */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(this.dummy, password);
    return false;
  }
}
