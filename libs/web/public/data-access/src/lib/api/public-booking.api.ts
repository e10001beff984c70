import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  BookingAccepted,
  BookingRequest,
  CancelResult,
  ConfirmResult,
  PublicPerformance,
  PublicVenue,
  Ticket,
  TokenRequest,
} from '@foyer/contracts';
import {
  IdempotencyKeys,
  injectApiUrl,
  parseBody,
  parseItems,
  toApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';

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

  async venue(slug: string): Promise<PublicVenue> {
    return parseBody(
      PublicVenue,
      await this.get(`/api/public/venues/${encodeURIComponent(slug)}`),
      'venue',
    );
  }

  async performances(slug: string): Promise<PublicPerformance[]> {
    return parseItems(
      PublicPerformance,
      await this.get(
        `/api/public/venues/${encodeURIComponent(slug)}/performances`,
      ),
      'performances',
    );
  }

  async performance(id: string): Promise<PublicPerformance> {
    return parseBody(
      PublicPerformance,
      await this.get(`/api/public/performances/${encodeURIComponent(id)}`),
      'performance',
    );
  }

  async book(
    performanceId: string,
    body: BookingRequest,
  ): Promise<BookingAccepted> {
    return parseBody(
      BookingAccepted,
      await this.post(
        `book:${performanceId}`,
        `/api/public/performances/${encodeURIComponent(performanceId)}/reservations`,
        body,
      ),
      'booking answer',
    );
  }

  async confirm(token: string): Promise<ConfirmResult> {
    return parseBody(
      ConfirmResult,
      await this.post('confirm', '/api/public/reservations/confirm', {
        token,
      } satisfies TokenRequest),
      'confirmation',
    );
  }

  async ticket(token: string): Promise<Ticket> {
    return parseBody(
      Ticket,
      await this.post('ticket', '/api/public/tickets/lookup', {
        token,
      } satisfies TokenRequest),
      'ticket',
    );
  }

  async cancel(token: string): Promise<CancelResult> {
    return parseBody(
      CancelResult,
      await this.post('cancel', '/api/public/reservations/cancel', {
        token,
      } satisfies TokenRequest),
      'cancellation',
    );
  }

  private get(path: string): Promise<unknown> {
    return settle(
      this.http.get<unknown>(this.url(path), { cache: 'no-store' }),
    );
  }

  private async post(
    scope: string,
    path: string,
    body: object,
  ): Promise<unknown> {
    const context = withIdempotencyKey(this.keys.keyFor(scope, body));
    try {
      const result = await settle(
        this.http.post<unknown>(this.url(path), body, { context }),
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
