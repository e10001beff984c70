import { SetMetadata } from '@nestjs/common';

/** The rate-limit buckets of docs/architecture.md (HTTP conventions), each a limit per minute. */
export type RateLimitPolicy =
  'login' | 'publicRead' | 'booking' | 'publicWrite' | 'staff';

export const RATE_LIMIT_POLICY = 'foyer:rate-limit-policy';

/**
 * Chooses a route's bucket, or `null` for none; without it the bucket follows from the
 * route's surface (its declared path, see route-surface.ts).
 */
export const RateLimit = (policy: RateLimitPolicy | null) =>
  SetMetadata(RATE_LIMIT_POLICY, policy);
