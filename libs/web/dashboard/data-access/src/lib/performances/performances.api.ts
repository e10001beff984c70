import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Page, PerformanceRequest, StaffPerformance } from '@foyer/contracts';
import {
  injectApiUrl,
  parseBody,
  parsePage,
  rethrowAsApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, catchError, map } from 'rxjs';
import { PAGE_SIZE } from '../staff-users/staff-users.api';
import { Performance } from './performances.models';

const readPerformance = (body: unknown) =>
  parseBody(StaffPerformance, body, 'performance');

/** `/api/staff/performances`, soonest first (performances:view to read, performances:edit to change). */
@Injectable({ providedIn: 'root' })
export class PerformancesApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(
    cursor: string | null,
    limit = PAGE_SIZE,
  ): Observable<Page<Performance>> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http
      .get<unknown>(this.url('/api/staff/performances'), { params })
      .pipe(
        map((body) => parsePage(StaffPerformance, body, 'performances')),
        catchError(rethrowAsApiError),
      );
  }

  get(id: string): Observable<Performance> {
    return this.http
      .get<unknown>(
        this.url(`/api/staff/performances/${encodeURIComponent(id)}`),
      )
      .pipe(map(readPerformance), catchError(rethrowAsApiError));
  }

  create(
    input: PerformanceRequest,
    idempotencyKey: string,
  ): Observable<Performance> {
    return this.http
      .post<unknown>(this.url('/api/staff/performances'), input, {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(map(readPerformance), catchError(rethrowAsApiError));
  }

  update(
    id: string,
    input: Partial<PerformanceRequest>,
    idempotencyKey: string,
  ): Observable<Performance> {
    return this.http
      .patch<unknown>(
        this.url(`/api/staff/performances/${encodeURIComponent(id)}`),
        input,
        {
          context: withIdempotencyKey(idempotencyKey),
        },
      )
      .pipe(map(readPerformance), catchError(rethrowAsApiError));
  }
}
