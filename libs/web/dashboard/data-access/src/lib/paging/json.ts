import { ApiError, toApiError } from '@foyer/web/data-access';
import { Observable, throwError } from 'rxjs';

export type Json = Record<string, unknown>;

export const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;

export const stringOrNull = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;

export const int = (value: unknown, fallback = 0): number =>
  typeof value === 'number' && Number.isInteger(value) ? value : fallback;

/** A parsed body, or an ApiError the page can word when the API sent something else. */
export function required<T>(
  parse: (value: unknown) => T | null,
  what: string,
): (value: unknown) => T {
  return (value) => {
    const parsed = parse(value);
    if (parsed === null) {
      throw new ApiError(
        200,
        'INTERNAL',
        `The server sent an unexpected ${what}.`,
      );
    }
    return parsed;
  };
}

export function rethrowAsApiError(error: unknown): Observable<never> {
  return throwError(() => toApiError(error));
}
