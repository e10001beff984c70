import { DinerSession, ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';

/** Renew this long before the capability expires, so no call is sent with a dying one. */
export const RENEW_BEFORE_MS = 60_000;
/** Never renew more often than this, whatever the server's clock says. */
export const MIN_RENEW_DELAY_MS = 5_000;

/** Milliseconds until the capability that expires at `expiresAt` should be renewed. */
export function renewalDelay(expiresAt: string, now = Date.now()): number {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) {
    return MIN_RENEW_DELAY_MS;
  }
  return Math.max(MIN_RENEW_DELAY_MS, expires - now - RENEW_BEFORE_MS);
}

export const isCapabilityInvalid = (error: unknown) =>
  error instanceof ApiError &&
  error.status === 401 &&
  error.code === ErrorCode.CAPABILITY_INVALID;

/**
 * The table session's capability, held in memory only (never stored). `call` runs a
 * request with the current capability, opening a session first when there is none or it
 * is about to expire, and on `401 CAPABILITY_INVALID` (expired, keys rotated, sitting
 * closed) reissues it once and retries. Concurrent renewals share one `/session` call.
 */
export class Capability {
  private current: DinerSession | null = null;
  private renewing: Promise<DinerSession> | null = null;

  constructor(
    private readonly openSession: () => Promise<DinerSession>,
    private readonly now: () => number = Date.now,
  ) {}

  get session(): DinerSession | null {
    return this.current;
  }

  /** Opens a fresh session (the first call, the timer, or after a refusal). */
  renew(): Promise<DinerSession> {
    this.renewing ??= this.openSession()
      .then((session) => {
        this.current = session;
        return session;
      })
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  async call<T>(request: (sessionCap: string) => Promise<T>): Promise<T> {
    const used = await this.fresh();
    try {
      return await request(used.sessionCap);
    } catch (error) {
      if (!isCapabilityInvalid(error)) {
        throw error;
      }
      // Someone renewed while this call was out: retry with theirs instead of renewing again.
      const latest =
        this.current && this.current.sessionCap !== used.sessionCap
          ? this.current
          : await this.renew();
      return request(latest.sessionCap);
    }
  }

  private async fresh(): Promise<DinerSession> {
    const held = this.current;
    if (held && Date.parse(held.expiresAt) - this.now() > MIN_RENEW_DELAY_MS) {
      return held;
    }
    return this.renew();
  }
}
