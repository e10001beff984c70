import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Page, StaffReservationView } from '@foyer/contracts';
import {
  injectApiUrl,
  parseBody,
  parsePage,
  rethrowAsApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, catchError, map } from 'rxjs';
import { PAGE_SIZE } from '../staff-users/staff-users.api';
import { ReservationFilters, StaffReservation } from './reservations.models';

/** Reservations of one performance (reservations:view) and the staff actions on one (reservations:manage). */
@Injectable({ providedIn: 'root' })
export class StaffReservationsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(
    performanceId: string,
    filters: ReservationFilters,
    cursor: string | null,
    limit = PAGE_SIZE,
  ): Observable<Page<StaffReservation>> {
    let params = new HttpParams().set('limit', limit);
    const q = filters.q?.trim();
    if (q) {
      params = params.set('q', q);
    }
    if (filters.status) {
      params = params.set('status', filters.status);
    }
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http
      .get<unknown>(
        this.url(
          `/api/staff/performances/${encodeURIComponent(performanceId)}/reservations`,
        ),
        { params },
      )
      .pipe(
        map((body) => parsePage(StaffReservationView, body, 'reservations')),
        catchError(rethrowAsApiError),
      );
  }

  cancel(id: string, idempotencyKey: string): Observable<StaffReservation> {
    return this.action(id, 'cancel', idempotencyKey);
  }

  /** A new check-in token is mailed; the old QR stops working. */
  resendTicket(
    id: string,
    idempotencyKey: string,
  ): Observable<StaffReservation> {
    return this.action(id, 'resend-ticket', idempotencyKey);
  }

  private action(
    id: string,
    verb: 'cancel' | 'resend-ticket',
    idempotencyKey: string,
  ): Observable<StaffReservation> {
    return this.http
      .post<unknown>(
        this.url(`/api/staff/reservations/${encodeURIComponent(id)}/${verb}`),
        {},
        { context: withIdempotencyKey(idempotencyKey) },
      )
      .pipe(
        map((body) => parseBody(StaffReservationView, body, 'reservation')),
        catchError(rethrowAsApiError),
      );
  }
}
