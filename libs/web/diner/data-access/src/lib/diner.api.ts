import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Cart,
  DinerOrder,
  DinerSession,
  Header,
  PublicMenu,
} from '@foyer/contracts';
import {
  injectApiUrl,
  toApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';

/**
 * The diner's calls (`/api/public/tables/:code/*` and the public menu). Every failure
 * rejects with an ApiError. The capability travels in `X-Session-Cap`, never in a URL.
 */
@Injectable({ providedIn: 'root' })
export class DinerApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  openSession(code: string, deviceId: string): Promise<DinerSession> {
    return settle(
      this.http.post<DinerSession>(this.url(`${table(code)}/session`), {
        deviceId,
      }),
    );
  }

  menu(slug: string): Promise<PublicMenu> {
    return settle(
      this.http.get<PublicMenu>(
        this.url(`/api/public/venues/${encodeURIComponent(slug)}/menu`),
      ),
    );
  }

  cart(code: string, cap: string): Promise<Cart> {
    return settle(
      this.http.get<Cart>(this.url(`${table(code)}/cart`), {
        headers: capHeader(cap),
        cache: 'no-store',
      }),
    );
  }

  setLine(
    code: string,
    cap: string,
    menuItemId: string,
    quantity: number,
  ): Promise<Cart> {
    return settle(
      this.http.put<Cart>(
        this.url(`${table(code)}/cart/items/${encodeURIComponent(menuItemId)}`),
        { quantity },
        { headers: capHeader(cap) },
      ),
    );
  }

  /** `idempotencyKey` is the same for every retry of one "Place order" press. */
  placeOrder(
    code: string,
    cap: string,
    body: { note?: string },
    idempotencyKey: string,
  ): Promise<DinerOrder> {
    return settle(
      this.http.post<DinerOrder>(this.url(`${table(code)}/orders`), body, {
        headers: capHeader(cap),
        context: withIdempotencyKey(idempotencyKey),
      }),
    );
  }

  async orders(code: string, cap: string): Promise<DinerOrder[]> {
    const page = await settle(
      this.http.get<{ items: DinerOrder[] }>(
        this.url(`${table(code)}/orders`),
        {
          headers: capHeader(cap),
          cache: 'no-store',
        },
      ),
    );
    return Array.isArray(page?.items) ? page.items : [];
  }
}

const table = (code: string) =>
  `/api/public/tables/${encodeURIComponent(code)}`;

const capHeader = (cap: string) =>
  new HttpHeaders({ [Header.SESSION_CAP]: cap });

async function settle<T>(call: Observable<T>): Promise<T> {
  try {
    return await firstValueFrom(call);
  } catch (error) {
    throw toApiError(error);
  }
}
