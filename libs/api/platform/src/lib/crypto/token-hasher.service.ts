import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';

/** A fresh random token: 256 bits, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Keyed hashes of tokens (TOKEN_HASH_KEY): only hashes are stored, so a database
 * leak yields no usable token. The purpose is part of the hash, so a token issued for
 * one purpose never matches a lookup for another.
 */
@Injectable()
export class TokenHasher {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(purpose: string, token: string): Buffer {
    return createHmac('sha256', this.config.TOKEN_HASH_KEY)
      .update(`${purpose}\n${token}`)
      .digest();
  }

  /** A secret for another mechanism, derived from TOKEN_HASH_KEY so it needs no variable of its own. */
  derive(label: string): string {
    return Buffer.from(
      hkdfSync('sha256', this.config.TOKEN_HASH_KEY, 'foyer', label, 32),
    ).toString('base64url');
  }
}
