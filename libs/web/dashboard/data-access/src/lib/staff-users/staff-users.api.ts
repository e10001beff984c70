import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Page } from '@foyer/contracts';
import {
  ApiError,
  injectApiUrl,
  toApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, catchError, map, throwError } from 'rxjs';
import {
  NewStaffMember,
  StaffMember,
  StaffMemberChange,
  parsePage,
  parseStaffMember,
} from './staff-users.models';

export const PAGE_SIZE = 50;

function strict<T>(value: T | null): T {
  if (value === null) {
    throw new ApiError(
      200,
      'INTERNAL',
      'The server sent an unexpected staff member.',
    );
  }
  return value;
}

/** `/api/staff/users`: members of the signed-in tenant. Errors arrive as ApiError. */
@Injectable({ providedIn: 'root' })
export class StaffUsersApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(
    cursor: string | null,
    limit = PAGE_SIZE,
  ): Observable<Page<StaffMember>> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http
      .get<unknown>(this.url('/api/staff/users'), { params })
      .pipe(
        map((body) => parsePage(body, parseStaffMember)),
        catchError(rethrow),
      );
  }

  add(member: NewStaffMember, idempotencyKey: string): Observable<StaffMember> {
    return this.http
      .post<unknown>(this.url('/api/staff/users'), member, {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(
        map((body) => strict(parseStaffMember(body))),
        catchError(rethrow),
      );
  }

  /** Answers the updated member; a body without `disabled` keeps the one we sent. */
  update(
    id: string,
    change: StaffMemberChange,
    idempotencyKey: string,
  ): Observable<StaffMember | null> {
    return this.http
      .patch<unknown>(
        this.url(`/api/staff/users/${encodeURIComponent(id)}`),
        change,
        {
          context: withIdempotencyKey(idempotencyKey),
        },
      )
      .pipe(map(parseStaffMember), catchError(rethrow));
  }

  remove(id: string, idempotencyKey: string): Observable<void> {
    return this.http
      .delete<unknown>(this.url(`/api/staff/users/${encodeURIComponent(id)}`), {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(
        map(() => undefined),
        catchError(rethrow),
      );
  }
}

function rethrow(error: unknown): Observable<never> {
  return throwError(() => toApiError(error));
}
