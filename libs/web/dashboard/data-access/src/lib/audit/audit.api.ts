import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ErrorCode, Page } from '@foyer/contracts';
import { ApiError, injectApiUrl, toApiError } from '@foyer/web/data-access';
import { Observable, catchError, map, throwError } from 'rxjs';
import { PAGE_SIZE } from '../staff-users/staff-users.api';
import { parsePage } from '../staff-users/staff-users.models';
import {
  AuditEvent,
  AuditFilters,
  ChainVerification,
  parseAuditEvent,
  parseChainVerification,
} from './audit.models';

/** `/api/staff/audit`: the tenant's audit trail and its hash-chain check. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(
    filters: AuditFilters,
    cursor: string | null,
    limit = PAGE_SIZE,
  ): Observable<Page<AuditEvent>> {
    let params = new HttpParams().set('limit', limit);
    for (const key of ['action', 'actorId', 'from', 'to'] as const) {
      const value = filters[key]?.trim();
      if (value) {
        params = params.set(key, value);
      }
    }
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http
      .get<unknown>(this.url('/api/staff/audit'), { params })
      .pipe(
        map((body) => parsePage(body, parseAuditEvent)),
        catchError((error: unknown) => throwError(() => toApiError(error))),
      );
  }

  verify(): Observable<ChainVerification> {
    return this.http.get<unknown>(this.url('/api/staff/audit/verify')).pipe(
      map((body) => {
        const result = parseChainVerification(body);
        if (result === null) {
          throw new ApiError(
            200,
            ErrorCode.INTERNAL,
            'The server sent an unexpected verification result.',
          );
        }
        return result;
      }),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
