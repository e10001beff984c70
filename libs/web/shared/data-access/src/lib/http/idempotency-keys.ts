import { ErrorCode } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR } from './api-error';

/**
 * Idempotency keys for mutations a user may resend, one per scope (e.g. "add-user"). A
 * resend of the same body after an answer the API did not store (network failure, 5xx,
 * 429, 409 IDEMPOTENCY_KEY_IN_USE) reuses the key, so the API acts at most once. Any
 * other answer is final and stored by the API under that key, so the next attempt gets a
 * fresh key and is judged anew.
 */
export class IdempotencyKeys {
  private readonly pending = new Map<string, { body: string; key: string }>();

  keyFor(scope: string, body: unknown): string {
    const json = JSON.stringify(body) ?? '';
    const held = this.pending.get(scope);
    if (held && held.body === json) {
      return held.key;
    }
    const key = crypto.randomUUID();
    this.pending.set(scope, { body: json, key });
    return key;
  }

  /** Call with the outcome: nothing on success, the ApiError on failure. */
  settle(scope: string, error?: ApiError): void {
    if (!error || !IdempotencyKeys.unstored(error)) {
      this.pending.delete(scope);
    }
  }

  private static unstored(error: ApiError): boolean {
    return (
      error.code === NETWORK_ERROR ||
      error.status >= 500 ||
      error.status === 429 ||
      error.code === ErrorCode.IDEMPOTENCY_KEY_IN_USE
    );
  }
}
