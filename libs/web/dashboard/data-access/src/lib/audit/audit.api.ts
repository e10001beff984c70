import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AuditEvent, ChainVerification, Page } from '@foyer/contracts';
import {
  injectApiUrl,
  parseBody,
  parsePage,
  rethrowAsApiError,
} from '@foyer/web/data-access';
import { Observable, catchError, map } from 'rxjs';
import { PAGE_SIZE } from '../staff-users/staff-users.api';
import { AuditFilters } from './audit.models';

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
        map((body) => parsePage(AuditEvent, body, 'audit events')),
        catchError(rethrowAsApiError),
      );
  }

  verify(): Observable<ChainVerification> {
    return this.http.get<unknown>(this.url('/api/staff/audit/verify')).pipe(
      map((body) => parseBody(ChainVerification, body, 'verification result')),
      catchError(rethrowAsApiError),
    );
  }
}
