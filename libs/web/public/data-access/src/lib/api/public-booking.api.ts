import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IdempotencyKeys,
  injectApiUrl,
  toApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';
import {
  BookingAccepted,
  BookingRequest,
  CancelResult,
  ConfirmResult,
  PublicPerformance,
  PublicVenue,
  Ticket,
} from './public-booking.models';

/**
 * The visitor's calls. Every failure rejects with an ApiError. Mutations keep their
 * Idempotency-Key while an answer was not stored (network error, 5xx, 429), so pressing
 * the button again after a dropped connection cannot book or cancel twice.
 */
@Injectable({ providedIn: 'root' })
export class PublicBookingApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();
  private readonly keys = new IdempotencyKeys();

  venue(slug: string): Promise<PublicVenue> {
    return this.get(`/api/public/venues/${encodeURIComponent(slug)}`);
  }

  async performances(slug: string): Promise<PublicPerformance[]> {
    const page = await this.get<{ items: PublicPerformance[] }>(
      `/api/public/venues/${encodeURIComponent(slug)}/performances`,
    );
    return page.items;
  }

  performance(id: string): Promise<PublicPerformance> {
    return this.get(`/api/public/performances/${encodeURIComponent(id)}`);
  }

  book(performanceId: string, body: BookingRequest): Promise<BookingAccepted> {
    return this.post(
      `book:${performanceId}`,
      `/api/public/performances/${encodeURIComponent(performanceId)}/reservations`,
      body,
    );
  }

  confirm(token: string): Promise<ConfirmResult> {
    return this.post('confirm', '/api/public/reservations/confirm', { token });
  }

  ticket(token: string): Promise<Ticket> {
    return this.post('ticket', '/api/public/tickets/lookup', { token });
  }

  cancel(token: string): Promise<CancelResult> {
    return this.post('cancel', '/api/public/reservations/cancel', { token });
  }

  private get<T>(path: string): Promise<T> {
    return settle(this.http.get<T>(this.url(path), { cache: 'no-store' }));
  }

  private async post<T>(scope: string, path: string, body: object): Promise<T> {
    const context = withIdempotencyKey(this.keys.keyFor(scope, body));
    try {
      const result = await settle(
        this.http.post<T>(this.url(path), body, { context }),
      );
      this.keys.settle(scope);
      return result;
    } catch (error) {
      this.keys.settle(scope, toApiError(error));
      throw error;
    }
  }
}

async function settle<T>(call: Observable<T>): Promise<T> {
  try {
    return await firstValueFrom(call);
  } catch (error) {
    throw toApiError(error);
  }
}
