import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Page, Room } from '@foyer/contracts';
import {
  injectApiUrl,
  parseBody,
  parsePage,
  rethrowAsApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, catchError, map } from 'rxjs';
import { PAGE_SIZE } from '../staff-users/staff-users.api';
import { RoomInput } from './rooms.models';

const readRoom = (body: unknown) => parseBody(Room, body, 'room');

/** `/api/staff/rooms` (performances:view to read, performances:edit to change). */
@Injectable({ providedIn: 'root' })
export class RoomsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(cursor: string | null, limit = PAGE_SIZE): Observable<Page<Room>> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http
      .get<unknown>(this.url('/api/staff/rooms'), { params })
      .pipe(
        map((body) => parsePage(Room, body, 'rooms')),
        catchError(rethrowAsApiError),
      );
  }

  create(input: RoomInput, idempotencyKey: string): Observable<Room> {
    return this.http
      .post<unknown>(this.url('/api/staff/rooms'), input, {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(map(readRoom), catchError(rethrowAsApiError));
  }

  update(
    id: string,
    input: RoomInput,
    idempotencyKey: string,
  ): Observable<Room> {
    return this.http
      .patch<unknown>(
        this.url(`/api/staff/rooms/${encodeURIComponent(id)}`),
        input,
        {
          context: withIdempotencyKey(idempotencyKey),
        },
      )
      .pipe(map(readRoom), catchError(rethrowAsApiError));
  }

  remove(id: string, idempotencyKey: string): Observable<void> {
    return this.http
      .delete<unknown>(this.url(`/api/staff/rooms/${encodeURIComponent(id)}`), {
        context: withIdempotencyKey(idempotencyKey),
      })
      .pipe(
        map(() => undefined),
        catchError(rethrowAsApiError),
      );
  }
}
