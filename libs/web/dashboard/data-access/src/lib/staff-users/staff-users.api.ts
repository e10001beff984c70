import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AddedStaffMember, Page, StaffMember } from '@foyer/contracts';
import {
  injectApiUrl,
  parseBody,
  parsePage,
  rethrowAsApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, catchError, map } from 'rxjs';
import { NewStaffMember, StaffMemberChange } from './staff-users.models';

export const PAGE_SIZE = 50;

const readMember = (body: unknown) =>
  parseBody(StaffMember, body, 'staff member');

/** The add answer has no `disabled`: a member just added is not disabled. */
const readAdded = (body: unknown): StaffMember => ({
  ...parseBody(AddedStaffMember, body, 'staff member'),
  disabled: false,
});

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
        map((body) => parsePage(StaffMember, body, 'staff members')),
        catchError(rethrowAsApiError),
      );
  }

  add(member: NewStaffMember, idempotencyKey: string): Observable<StaffMember> {
    return this.http
      .post<unknown>(this.url('/api/staff/users'), member, {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(map(readAdded), catchError(rethrowAsApiError));
  }

  /** Answers the member as now. */
  update(
    id: string,
    change: StaffMemberChange,
    idempotencyKey: string,
  ): Observable<StaffMember> {
    return this.http
      .patch<unknown>(
        this.url(`/api/staff/users/${encodeURIComponent(id)}`),
        change,
        {
          context: withIdempotencyKey(idempotencyKey),
        },
      )
      .pipe(map(readMember), catchError(rethrowAsApiError));
  }

  remove(id: string, idempotencyKey: string): Observable<void> {
    return this.http
      .delete<unknown>(this.url(`/api/staff/users/${encodeURIComponent(id)}`), {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(
        map(() => undefined),
        catchError(rethrowAsApiError),
      );
  }
}
