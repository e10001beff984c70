import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TokenHasher } from '@foyer/api/platform/crypto';
import { randomUUID } from 'node:crypto';
import { ResolvedTable } from './dining-table.mapper';
import { DiningTableRepository } from './dining-table.repository';
import {
  CAPABILITY_TTL_SECONDS,
  signCapability,
  verifyCapability,
} from './capability';

export type { ResolvedTable } from './dining-table.mapper';

/** The verified caller of a diner route. */
export interface DinerCaller extends ResolvedTable {
  sessionId: string;
  /** The capability's expiry, ms since the epoch. */
  expiresAt: number;
}

export type CapabilityRefusal = 'invalid' | 'mismatch';

const CODE = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * Table codes and session capabilities: the only way a diner reaches a tenant's data.
 * The code is resolved first (unknown or retired → 404); then the capability must be
 * signed by a listed key, unexpired, for this table, and of its current code version
 * and sitting.
 */
@Injectable()
export class DinerAccess {
  constructor(
    private readonly tables: DiningTableRepository,
    private readonly hasher: TokenHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async resolve(code: string): Promise<ResolvedTable | null> {
    if (typeof code !== 'string' || !CODE.test(code)) {
      return null;
    }
    return this.tables.byCode(code);
  }

  /** A fresh capability for a device at this table's current sitting. */
  issue(
    table: ResolvedTable,
    deviceId: string,
  ): { sessionCap: string; expiresAt: string } {
    const exp = Math.floor(Date.now() / 1000) + CAPABILITY_TTL_SECONDS;
    const sessionCap = signCapability(
      {
        tbl: table.tableId,
        sit: table.sittingId,
        ver: table.codeVersion,
        sid: randomUUID(),
        dev: this.hasher
          .hash('diner-device', deviceId)
          .subarray(0, 16)
          .toString('base64url'),
        exp,
      },
      this.config.CAPABILITY_KEYS,
    );
    return { sessionCap, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The caller of a code + capability, or why it is refused; null table = unknown code. */
  async authorize(
    code: string,
    capability: string | undefined,
  ): Promise<
    | { table: null }
    | { table: ResolvedTable; refusal: CapabilityRefusal }
    | { caller: DinerCaller }
  > {
    const table = await this.resolve(code);
    if (!table) {
      return { table: null };
    }
    const claims = verifyCapability(capability, this.config.CAPABILITY_KEYS);
    if (!claims) {
      return { table, refusal: 'invalid' };
    }
    if (claims.tbl !== table.tableId) {
      return { table, refusal: 'mismatch' };
    }
    if (claims.ver !== table.codeVersion || claims.sit !== table.sittingId) {
      return { table, refusal: 'invalid' };
    }
    return {
      caller: { ...table, sessionId: claims.sid, expiresAt: claims.exp * 1000 },
    };
  }
}
