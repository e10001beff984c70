import {
  HttpClient,
  HttpErrorResponse,
  HttpParams,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CheckInPreview,
  CheckInStats,
  CheckedIn,
  ConfirmCheckInRequest,
  PreviewCheckInRequest,
  StaffPerformance,
} from '@foyer/contracts';
import {
  injectApiUrl,
  parseBody,
  parsePage,
  rethrowAsApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, catchError, map, of } from 'rxjs';
import {
  DoorAnswer,
  DoorPerformance,
  doorAnswerOf,
  refusalAnswerOf,
} from './check-in.models';

/** `/api/staff/check-in/*` and the door's reads (checkin:scan; performances:view for the list). */
@Injectable({ providedIn: 'root' })
export class CheckInApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  /** Performances soonest first, one page of up to 100 (the door picks tonight's). */
  performances(): Observable<DoorPerformance[]> {
    const params = new HttpParams().set('limit', 100);
    return this.http
      .get<unknown>(this.url('/api/staff/performances'), { params })
      .pipe(
        map((body) => parsePage(StaffPerformance, body, 'performances').items),
        catchError(rethrowAsApiError),
      );
  }

  preview(token: string, performanceId: string): Observable<DoorAnswer> {
    const body: PreviewCheckInRequest = { token, performanceId };
    return this.http
      .post<unknown>(this.url('/api/staff/check-in/preview'), body)
      .pipe(
        map((answer) =>
          doorAnswerOf(parseBody(CheckInPreview, answer, 'check-in answer')),
        ),
        catchError(answerOrError),
      );
  }

  /** A 409 or 404 with a door state resolves as that answer; anything else is an ApiError. */
  confirm(
    token: string,
    performanceId: string,
    nonce: string,
    idempotencyKey: string,
  ): Observable<DoorAnswer> {
    const body: ConfirmCheckInRequest = { token, performanceId, nonce };
    return this.http
      .post<unknown>(this.url('/api/staff/check-in/confirm'), body, {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(
        map((answer) =>
          doorAnswerOf(parseBody(CheckedIn, answer, 'check-in answer')),
        ),
        catchError(answerOrError),
      );
  }

  stats(performanceId: string): Observable<CheckInStats> {
    return this.http
      .get<unknown>(
        this.url(
          `/api/staff/performances/${encodeURIComponent(performanceId)}/check-in/stats`,
        ),
      )
      .pipe(
        map((body) => parseBody(CheckInStats, body, 'door count')),
        catchError(rethrowAsApiError),
      );
  }
}

function answerOrError(error: unknown): Observable<DoorAnswer> {
  const answer =
    error instanceof HttpErrorResponse &&
    (error.status === 404 || error.status === 409)
      ? refusalAnswerOf(error.error)
      : null;
  return answer ? of(answer) : rethrowAsApiError(error);
}
