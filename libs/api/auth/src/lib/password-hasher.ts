import { Injectable, OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane). */
const OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against for unknown emails, so they cost the same time as known ones. */
  private dummy = '';

  async onModuleInit(): Promise<void> {
    this.dummy = await argon2.hash(`dummy-${Math.random()}`, OPTIONS);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(
    hash: string | null | undefined,
    password: string,
  ): Promise<boolean> {
    try {
      return await argon2.verify(hash || this.dummy, password);
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
