import { signal } from '@angular/core';
import { ApiError, IdempotencyKeys, toApiError } from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';

/**
 * Runs a store's mutations: one Idempotency-Key per scope and body, reused when the
 * user resends after an answer the API did not store, and the ids of rows in flight so
 * the page can disable their buttons. Resolves to the value or the ApiError, never throws.
 */
export class Mutations {
  private readonly keys = new IdempotencyKeys();
  private readonly busy = signal<ReadonlySet<string>>(new Set());

  isBusy(id: string): boolean {
    return this.busy().has(id);
  }

  async run<T>(
    scope: string,
    body: unknown,
    request: (idempotencyKey: string) => Observable<T>,
    busyId: string = scope,
  ): Promise<T | ApiError> {
    this.busy.update((ids) => new Set(ids).add(busyId));
    try {
      const value = await firstValueFrom(
        request(this.keys.keyFor(scope, body)),
      );
      this.keys.settle(scope);
      return value;
    } catch (error) {
      const apiError = toApiError(error);
      this.keys.settle(scope, apiError);
      return apiError;
    } finally {
      this.busy.update((ids) => {
        const next = new Set(ids);
        next.delete(busyId);
        return next;
      });
    }
  }
}
