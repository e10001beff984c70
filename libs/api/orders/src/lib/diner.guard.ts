import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { ErrorCode, Header } from '@foyer/contracts';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { Public, setCallerScope } from '@foyer/api/platform/http';
import { SecurityEvents } from '@foyer/api/platform/logging';
import type { Request } from 'express';
import { ResolvedTable } from './dining-table.mapper';
import { DinerAccess, DinerCaller } from './diner-access.service';

const DINER_ROUTE = 'foyer:diner-route';
const CALLER = Symbol('foyer.dinerCaller');

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
        ErrorCode.CAPABILITY_TABLE_MISMATCH,
        'This session belongs to another table; scan this table’s code.',
      );
    }
    throw new DomainError(
      ErrorCode.CAPABILITY_INVALID,
      'The table session is missing, expired or no longer valid; open it again.',
    );
  }
}
