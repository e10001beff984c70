import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { ErrorCode, Header } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  Public,
  SecurityEvents,
  TokenHasher,
  notFound,
  setCallerScope,
} from '@foyer/api/platform';
import type { Request } from 'express';
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
const DINER_ROUTE = 'foyer:diner-route';
const CALLER = Symbol('foyer.dinerCaller');

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

/**
 * Marks a diner route: public (no staff login), its `:code` resolved by DinerGuard, and
 * unless `opensSession`, an X-Session-Cap verified before idempotency and validation.
 */
export function DinerRoute(options: { opensSession?: boolean } = {}) {
  return applyDecorators(
    Public(),
    SetMetadata(DINER_ROUTE, options.opensSession ? 'session' : 'capability'),
    ...(options.opensSession
      ? []
      : [
          ApiHeader({
            name: Header.SESSION_CAP,
            required: true,
            description: 'Capability from POST …/session',
          }),
        ]),
  );
}

export function dinerCallerOf(req: object): DinerCaller {
  const caller = (req as Record<symbol, DinerCaller | undefined>)[CALLER];
  if (!caller) {
    throw new Error('diner route without DinerGuard');
  }
  return caller;
}

const TABLE = Symbol('foyer.dinerTable');

export function dinerTableOf(req: object): ResolvedTable {
  const table = (req as Record<symbol, ResolvedTable | undefined>)[TABLE];
  if (!table) {
    throw new Error('diner route without DinerGuard');
  }
  return table;
}

/**
 * The authentication stage for diner routes (runs with the staff guards, before
 * idempotency): 404 for an unknown or retired code whatever the capability, then
 * 401 CAPABILITY_INVALID / 403 CAPABILITY_TABLE_MISMATCH. Idempotency keys of diner
 * calls are then scoped to the table session.
 */
@Injectable()
export class DinerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: DinerAccess,
    private readonly security: SecurityEvents,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const kind = this.reflector.getAllAndOverride<
      'session' | 'capability' | undefined
    >(DINER_ROUTE, [context.getHandler(), context.getClass()]);
    if (!kind) {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    const code = String(req.params?.['code'] ?? '');
    if (kind === 'session') {
      const table = await this.access.resolve(code);
      if (!table) {
        throw notFound('No table has this code.');
      }
      (req as unknown as Record<symbol, ResolvedTable>)[TABLE] = table;
      return true;
    }
    const raw = req.headers[Header.SESSION_CAP.toLowerCase()];
    const result = await this.access.authorize(
      code,
      typeof raw === 'string' ? raw : undefined,
    );
    if ('caller' in result) {
      (req as unknown as Record<symbol, DinerCaller>)[CALLER] = result.caller;
      (req as unknown as Record<symbol, ResolvedTable>)[TABLE] = result.caller;
      setCallerScope(
        req,
        `diner:${result.caller.tableId}:${result.caller.sessionId}`,
      );
      return true;
    }
    if (result.table === null) {
      throw notFound('No table has this code.');
    }
    this.security.record('capability_refused', req, { reason: result.refusal });
    if (result.refusal === 'mismatch') {
      throw new DomainError(
        403,
        ErrorCode.CAPABILITY_TABLE_MISMATCH,
        'This session belongs to another table; scan this table’s code.',
      );
    }
    throw new DomainError(
      401,
      ErrorCode.CAPABILITY_INVALID,
      'The table session is missing, expired or no longer valid; open it again.',
    );
  }
}
