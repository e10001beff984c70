import {
  ExecutionContext,
  Inject,
  Injectable,
  Module,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  ThrottlerModule,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type {
  ThrottlerLimitDetail,
  ThrottlerRequest,
} from '@nestjs/throttler/dist/throttler.guard.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Request } from 'express';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { callerScope, hasCallerScope } from '../http/caller-scope';
import { clientIp } from '../http/client-ip';
import { SecurityEvents } from '../logging/security-events';
import { REDIS } from '../redis/redis.module';

/** The contract's rate-limit buckets (API.md, Conventions), each a limit per minute. */
export type RateLimitPolicy =
  'login' | 'publicRead' | 'booking' | 'publicWrite' | 'staff';

const POLICY = 'foyer:rate-limit-policy';
const WINDOW_MS = 60_000;
const COUNTED = Symbol('foyer.rateLimitCounted');

/** Chooses a route's bucket, or `null` for none; without it the bucket follows from the path. */
export const RateLimit = (policy: RateLimitPolicy | null) =>
  SetMetadata(POLICY, policy);

export function limitsFrom(config: AppConfig): Record<RateLimitPolicy, number> {
  return {
    login: config.LOGIN_RATE_LIMIT_PER_MINUTE,
    publicRead: config.PUBLIC_READ_RATE_LIMIT_PER_MINUTE,
    booking: config.BOOKING_RATE_LIMIT_PER_MINUTE,
    publicWrite: config.PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE,
    staff: config.STAFF_RATE_LIMIT_PER_MINUTE,
  };
}

export function defaultPolicy(
  method: string,
  path: string,
): RateLimitPolicy | null {
  if (path.startsWith('/api/staff/')) {
    return 'staff';
  }
  if (path.startsWith('/api/public/') || path.startsWith('/api/media/')) {
    return method === 'GET' || method === 'HEAD' ? 'publicRead' : 'publicWrite';
  }
  return null;
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
    >(POLICY, [context.getHandler(), context.getClass()]);
    const policy =
      explicit === undefined ? defaultPolicy(req.method, req.path) : explicit;
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
    (req as unknown as Record<symbol, boolean>)[COUNTED] = true;
    const tracker =
      policy === 'staff'
        ? callerScope(req)
        : policy === 'booking'
          ? `ip:${clientIp(req)}:${String(req.params?.['id'] ?? '')}`
          : `ip:${clientIp(req)}`;
    return super.handleRequest({
      ...props,
      limit: limitsFrom(this.config)[policy],
      ttl: WINDOW_MS,
      blockDuration: WINDOW_MS,
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

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [REDIS],
      useFactory: (redis: Redis): ThrottlerModuleOptions => ({
        // Limits are chosen per route in RateLimitGuard; this entry only names the bucket.
        throttlers: [{ name: 'default', ttl: WINDOW_MS, limit: 1 }],
        storage: new ThrottlerStorageRedisService(redis) as ThrottlerStorage,
      }),
    }),
  ],
  providers: [RateLimitGuard, Reflector],
  exports: [ThrottlerModule, RateLimitGuard],
})
export class RateLimitModule {}
