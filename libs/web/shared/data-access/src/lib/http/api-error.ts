import { HttpErrorResponse } from '@angular/common/http';
import { ErrorCode, FieldProblem, Header } from '@foyer/contracts';
import { Observable, throwError } from 'rxjs';

/** Code given to failures that never reached the API (offline, DNS, CORS refusal). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

const FALLBACK_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** A failed API call as the UI sees it: the problem-details body, typed and checked. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    /** An `ErrorCode` from the contract, or `NETWORK_ERROR`. */
    readonly code: ErrorCode | typeof NETWORK_ERROR | string,
    readonly detail: string,
    readonly fieldErrors: readonly FieldProblem[] = [],
    readonly requestId: string | null = null,
    /** Seconds from `Retry-After`, when the response carried a readable one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail);
  }

  /** The first message the API gave for `field`, if any. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((problem) => problem.field === field)?.message;
  }
}

/**
 * Seconds to wait from a `Retry-After` value: delta-seconds or an HTTP date. Null when
 * absent or unreadable (a cross-origin response hides it unless the API exposes it).
 */
export function parseRetryAfter(
  value: string | null,
  now = Date.now(),
): number | null {
  if (value === null) {
    return null;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number.parseInt(trimmed, 10);
  }
  // IMF-fixdate, e.g. "Tue, 01 Jan 2030 00:01:00 GMT"; anything else is unreadable.
  const date = /^[A-Za-z]{3}, /.test(trimmed)
    ? Date.parse(trimmed)
    : Number.NaN;
  if (Number.isNaN(date)) {
    return null;
  }
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function asRecord(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return null;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((entry: unknown) => {
    const record = asRecord(entry);
    return record &&
      typeof record['field'] === 'string' &&
      typeof record['message'] === 'string'
      ? [{ field: record['field'], message: record['message'] }]
      : [];
  });
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Turns whatever an HTTP call threw into an ApiError; an ApiError passes through. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (!(error instanceof HttpErrorResponse)) {
    return new ApiError(0, ErrorCode.INTERNAL, 'Something went wrong.');
  }
  if (error.status === 0) {
    return new ApiError(
      0,
      NETWORK_ERROR,
      'The server could not be reached. Check the connection and try again.',
    );
  }
  const body = asRecord(error.error);
  const code =
    text(body?.['code']) ??
    FALLBACK_CODE[error.status] ??
    (error.status >= 500 ? ErrorCode.INTERNAL : ErrorCode.CONFLICT);
  const detail =
    text(body?.['detail']) ?? text(body?.['title']) ?? 'The request failed.';
  return new ApiError(
    error.status,
    code,
    detail,
    fieldProblems(body?.['errors']),
    text(body?.['requestId']) ?? error.headers?.get(Header.REQUEST_ID) ?? null,
    parseRetryAfter(error.headers?.get(Header.RETRY_AFTER) ?? null),
  );
}

/** For `catchError`: an HTTP call's failure, rethrown as an ApiError. */
export function rethrowAsApiError(error: unknown): Observable<never> {
  return throwError(() => toApiError(error));
}
