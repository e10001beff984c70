import { clientIp } from './client-ip';

const SCOPE = Symbol('foyer.callerScope');
type WithScope = {
  [SCOPE]?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
};

/**
 * Who is calling, as a stable string: set by the guard that authenticated the caller
 * (a staff user, a diner's table session); anonymous callers are their client IP.
 * Idempotency keys and per-caller rate limits are scoped by it.
 */
export function setCallerScope(req: object, scope: string): void {
  (req as WithScope)[SCOPE] = scope;
}

export function hasCallerScope(req: object): boolean {
  return (req as WithScope)[SCOPE] !== undefined;
}

export function callerScope(req: object): string {
  const request = req as WithScope;
  return request[SCOPE] ?? `ip:${clientIp(request)}`;
}
