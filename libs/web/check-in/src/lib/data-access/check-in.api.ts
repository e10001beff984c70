import {
  HttpClient,
  HttpErrorResponse,
  HttpParams,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CheckInStats, Page } from '@foyer/contracts';
import {
  ApiError,
  injectApiUrl,
  toApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, catchError, map, of, throwError } from 'rxjs';
import {
  DoorAnswer,
  DoorPerformance,
  parseDoorAnswer,
  parseDoorPerformance,
  parseStats,
} from './check-in.models';

type Json = Record<string, unknown>;

/** `/api/staff/check-in/*` and the door's reads (checkin:scan; performances:view for the list). */
@Injectable({ providedIn: 'root' })
export class CheckInApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  /** Performances soonest first, one page of up to 100 (the door picks tonight's). */
  performances(): Observable<DoorPerformance[]> {
    const params = new HttpParams().set('limit', 100);
    return this.http
      .get<Page<unknown>>(this.url('/api/staff/performances'), { params })
      .pipe(
        map((page) =>
          (Array.isArray(page?.items) ? page.items : []).flatMap(
            (item) => parseDoorPerformance(item) ?? [],
          ),
        ),
        catchError((error: unknown) => throwError(() => toApiError(error))),
      );
  }

  preview(token: string, performanceId: string): Observable<DoorAnswer> {
    return this.http
      .post<unknown>(this.url('/api/staff/check-in/preview'), {
        token,
        performanceId,
      })
      .pipe(map(strictAnswer), catchError(answerOrError));
  }

  /** A 409 or 404 with a door state resolves as that answer; anything else is an ApiError. */
  confirm(
    token: string,
    performanceId: string,
    nonce: string,
    idempotencyKey: string,
  ): Observable<DoorAnswer> {
    return this.http
      .post<unknown>(
        this.url('/api/staff/check-in/confirm'),
        { token, performanceId, nonce },
        { context: withIdempotencyKey(idempotencyKey) },
      )
      .pipe(map(strictAnswer), catchError(answerOrError));
  }

  stats(performanceId: string): Observable<CheckInStats> {
    return this.http
      .get<unknown>(
        this.url(
          `/api/staff/performances/${encodeURIComponent(performanceId)}/check-in/stats`,
        ),
      )
      .pipe(
        map((body) => {
          const stats = parseStats(body, performanceId);
          if (!stats) {
            throw new ApiError(
              200,
              'INTERNAL',
              'The server sent unexpected door counts.',
            );
          }
          return stats;
        }),
        catchError((error: unknown) => throwError(() => toApiError(error))),
      );
  }
}

function strictAnswer(body: unknown): DoorAnswer {
  const answer = parseDoorAnswer(body);
  if (!answer) {
    throw new ApiError(
      200,
      'INTERNAL',
      'The server sent an unexpected check-in answer.',
    );
  }
  return answer;
}

function answerOrError(error: unknown): Observable<DoorAnswer> {
  if (
    error instanceof HttpErrorResponse &&
    (error.status === 404 || error.status === 409)
  ) {
    const body =
      typeof error.error === 'object' && error.error !== null
        ? (error.error as Json)
        : null;
    const answer = parseDoorAnswer(body);
    if (answer) {
      return of(answer);
    }
  }
  return throwError(() => toApiError(error));
}
