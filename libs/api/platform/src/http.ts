/**
 * `@foyer/api/platform/http`: what HTTP code uses: app setup and the request pipeline,
 * route decorators (`Public`, `RateLimit`, `ReadsOwnBody`), the caller's scope, request
 * ids, the matched route, and the UUID path pipe. Never imported by the worker.
 */
export * from './lib/http/caller-scope';
export * from './lib/http/client-ip';
export * from './lib/http/configure-app';
export { ReadsOwnBody } from './lib/http/json-body.guard';
export * from './lib/http/request-pipeline';
export * from './lib/http/public.decorator';
export * from './lib/http/route-surface';
export * from './lib/http/router-options';
export * from './lib/http/request-id';
export * from './lib/http/defined-fields';
export * from './lib/http/uuid-param';
export * from './lib/rate-limit/rate-limit.decorator';
export { RateLimitModule } from './lib/rate-limit/rate-limit.module';
