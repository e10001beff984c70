import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type {
  ThrottlerLimitDetail,
  ThrottlerRequest,
} from '@nestjs/throttler/dist/throttler.guard.interface';
import type { Request } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { callerScope, hasCallerScope } from '../http/caller-scope';
import { clientIp } from '../http/client-ip';
import { RouteSurface, routeSurface } from '../http/route-surface';
import { notFound } from '../errors/domain-error';
import { SecurityEvents } from '../logging/security-events.service';
import { RATE_LIMIT_POLICY, RateLimitPolicy } from './rate-limit.decorator';

/** Every bucket counts one minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
const COUNTED = Symbol('foyer.rateLimitCounted');

export function limitsFrom(config: AppConfig): Record<RateLimitPolicy, number> {
  return {
    login: config.LOGIN_RATE_LIMIT_PER_MINUTE,
    publicRead: config.PUBLIC_READ_RATE_LIMIT_PER_MINUTE,
    booking: config.BOOKING_RATE_LIMIT_PER_MINUTE,
    publicWrite: config.PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE,
    staff: config.STAFF_RATE_LIMIT_PER_MINUTE,
  };
}

/**
 * The bucket of a route that names none, from the surface of the route it matched (never
 * from the request's spelling of the path). Auth routes choose theirs one by one; any other
 * route without a bucket is limited per IP like a public one, so a new surface is never
 * unlimited by omission.
 */
export function defaultPolicy(
  method: string,
  surface: RouteSurface,
): RateLimitPolicy | null {
  switch (surface) {
    case 'staff':
      return 'staff';
    case 'auth':
      return null;
    case 'public':
    case 'media':
    case 'other':
      return method === 'GET' || method === 'HEAD'
        ? 'publicRead'
        : 'publicWrite';
  }
}

/** The ids `ParseUUIDPipe` (the routes' `resourceId`) accepts, in either case. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A route parameter as the database would return it: a UUID, lower-cased, or `null` when
 * it is none. Buckets keyed by a parameter use this, so `ABC…` and `abc…` share one.
 */
export function canonicalUuid(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value)
    ? value.toLowerCase()
    : null;
}

/**
 * Per-minute limits counted in Redis so several API instances share them. One bucket per
 * policy and caller: the client IP (per performance for bookings) or, for staff, the user.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  @Inject(APP_CONFIG) private readonly config!: AppConfig;
  @Inject(SecurityEvents) private readonly security!: SecurityEvents;

  protected override async handleRequest(
    props: ThrottlerRequest,
  ): Promise<boolean> {
    const { context } = props;
    if (context.getType() !== 'http') {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    const explicit = this.reflector.getAllAndOverride<
      RateLimitPolicy | null | undefined
    >(RATE_LIMIT_POLICY, [context.getHandler(), context.getClass()]);
    const policy =
      explicit === undefined
        ? defaultPolicy(req.method, routeSurface(context))
        : explicit;
    if (
      policy === null ||
      (req as unknown as Record<symbol, boolean>)[COUNTED]
    ) {
      return true;
    }
    // Staff limits are per user: this guard runs again after authentication for them.
    if (policy === 'staff' && !hasCallerScope(req)) {
      return true;
    }
    let tracker = `ip:${clientIp(req)}`;
    if (policy === 'staff') {
      tracker = callerScope(req);
    } else if (policy === 'booking') {
      // Per performance: keyed on the canonical id, never the raw parameter, so another
      // spelling of one id is the same bucket. An id that is no UUID names no performance:
      // it is refused here, before it can create a bucket (or a Redis key) of its own.
      const performanceId = canonicalUuid(req.params?.['id']);
      if (performanceId === null) {
        throw notFound();
      }
      tracker = `${tracker}:${performanceId}`;
    }
    (req as unknown as Record<symbol, boolean>)[COUNTED] = true;
    return super.handleRequest({
      ...props,
      limit: limitsFrom(this.config)[policy],
      ttl: RATE_LIMIT_WINDOW_MS,
      blockDuration: RATE_LIMIT_WINDOW_MS,
      getTracker: () => tracker,
      generateKey: () => `rl:${policy}:${tracker}`,
    });
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ) {
    this.security.record(
      'rate_limited',
      context.switchToHttp().getRequest<Request>(),
      { limit: detail.limit },
    );
    return super.throwThrottlingException(context, detail);
  }
}
