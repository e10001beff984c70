import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  optionalText,
  text,
} from '@foyer/api/platform/database';
import { AuthRepository } from './auth-base.repository';
import { RevokedSession } from './session.mapper';

/** The sealed mail a reset request stores with its token (an outbox message). */
export interface SealedResetMail {
  id: string;
  queue: string;
  jobName: string;
  payload: string;
}

/** What the password policy needs to judge a new password, for an open token. */
export interface ResetSubject {
  email: string;
  displayName: string;
}

/** A spent reset token: its account and the sessions it ended in every tenant. */
export interface SpentReset {
  userId: string;
  ended: RevokedSession[];
}

/**
 * `password_reset`, which is global like the account it resets and which the runtime
 * role has no grant on at all: every method calls a definer function. They are
 * tenant-free (a reset link carries no tenant; the reset reaches every tenant) and the
 * functions scope themselves, answering no more than the next step needs.
 */
@Injectable()
export class PasswordResetRepository extends AuthRepository {
  constructor(context: TenantContext) {
    super(context);
  }

  /** Stores the token and its mail if the address has an account; the same work if not. */
  async request(input: {
    email: string;
    hash: Buffer;
    ttlMinutes: number;
    mail: SealedResetMail;
  }): Promise<void> {
    await this.definerWithoutTenant(
      'SELECT app_request_password_reset($1, $2, $3, $4, $5, $6, $7::jsonb)',
      [
        input.email,
        input.hash,
        input.ttlMinutes,
        input.mail.id,
        input.mail.queue,
        input.mail.jobName,
        input.mail.payload,
      ],
    );
  }

  async subject(hash: Buffer): Promise<ResetSubject | null> {
    const [row] = await this.definerWithoutTenant(
      'SELECT email, display_name FROM app_password_reset_subject($1)',
      [hash],
    );
    return row
      ? { email: text(row, 'email'), displayName: text(row, 'display_name') }
      : null;
  }

  /**
   * Spends the token (once: of many requests with one token, one finds it open), sets
   * the password and ends every session in every tenant, in one statement; null for a
   * spent, expired or unknown token.
   */
  async reset(hash: Buffer, passwordHash: string): Promise<SpentReset | null> {
    const rows = await this.definerWithoutTenant(
      'SELECT user_id, session_id, tenant_id FROM app_reset_password($1, $2)',
      [hash, passwordHash],
    );
    const [first] = rows;
    if (!first) {
      return null;
    }
    const ended = rows.flatMap((row) => {
      const sessionId = optionalText(row, 'session_id');
      const tenantId = optionalText(row, 'tenant_id');
      return sessionId && tenantId ? [{ sessionId, tenantId }] : [];
    });
    return { userId: text(first, 'user_id'), ended };
  }
}
