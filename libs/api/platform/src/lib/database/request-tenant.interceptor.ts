import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, from, lastValueFrom } from 'rxjs';
import { TenantContext } from './tenant-context.service';

const TENANT = Symbol('foyer.requestTenant');
const OWN_CONTEXT = 'foyer:own-tenant-context';

/** A handler that opens its own tenant transactions (switching tenants) instead of the request's. */
export const OwnTenantContext = () => SetMetadata(OWN_CONTEXT, true);

/** Set by the authentication guard from the verified token only: never from a body, query or header. */
export function setRequestTenant(req: object, tenantId: string): void {
  (req as Record<symbol, string>)[TENANT] = tenantId;
}

export function requestTenant(req: object): string | undefined {
  return (req as Record<symbol, string | undefined>)[TENANT];
}

/**
 * Runs an authenticated request's handler in one transaction scoped to its tenant, so
 * every query is under row-level security and the work commits or rolls back together.
 */
@Injectable()
export class RequestTenantInterceptor implements NestInterceptor {
  constructor(
    private readonly context: TenantContext,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tenantId =
      context.getType() === 'http'
        ? requestTenant(context.switchToHttp().getRequest())
        : undefined;
    if (
      !tenantId ||
      this.reflector.getAllAndOverride<boolean>(OWN_CONTEXT, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return next.handle();
    }
    return from(
      this.context.run(tenantId, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    );
  }
}
