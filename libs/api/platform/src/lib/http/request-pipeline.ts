import { CanActivate, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { IdempotencyGuard } from '../idempotency/idempotency.guard';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { RequestTenantInterceptor } from '../database/request-tenant.interceptor';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { JsonBodyGuard } from './json-body.guard';

export interface PipelineStages {
  /** Authentication, then CSRF and origin checks. */
  authenticate?: Type<CanActivate>[];
  /** Permission checks. */
  authorize?: Type<CanActivate>[];
}

/**
 * Global guards in the contract's order of checks: rate limit (429), body size and type
 * (413, 415), authentication, CSRF/origin, idempotency, permission; validation follows in
 * the pipe. Nest runs APP_GUARD providers of one module in the order they are listed.
 */
export function requestPipeline(stages: PipelineStages = {}): Provider[] {
  const guards: Type<CanActivate>[] = [
    RateLimitGuard,
    JsonBodyGuard,
    ...(stages.authenticate ?? []),
    // Again, now that the caller is known: the per-user staff bucket.
    RateLimitGuard,
    IdempotencyGuard,
    ...(stages.authorize ?? []),
  ];
  return [
    ...guards.map((guard) => ({ provide: APP_GUARD, useExisting: guard })),
    // Outermost first: the idempotent response is stored after the tenant transaction ends.
    { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useExisting: RequestTenantInterceptor },
    { provide: APP_FILTER, useExisting: ProblemDetailsFilter },
  ];
}
