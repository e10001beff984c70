import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Cart,
  DinerOrder,
  DinerSession,
  Header,
  OpenSessionRequest,
  PlaceOrderRequest,
  PublicMenu,
  SetCartLineRequest,
} from '@foyer/contracts';
import {
  injectApiUrl,
  parseBody,
  parseItems,
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

  async openSession(code: string, deviceId: string): Promise<DinerSession> {
    const body: OpenSessionRequest = { deviceId };
    return parseBody(
      DinerSession,
      await settle(this.http.post(this.url(`${table(code)}/session`), body)),
      'table session',
    );
  }

  async menu(slug: string): Promise<PublicMenu> {
    return parseBody(
      PublicMenu,
      await settle(
        this.http.get(
          this.url(`/api/public/venues/${encodeURIComponent(slug)}/menu`),
        ),
      ),
      'menu',
    );
  }

  async cart(code: string, cap: string): Promise<Cart> {
    return parseBody(
      Cart,
      await settle(
        this.http.get(this.url(`${table(code)}/cart`), {
          headers: capHeader(cap),
          cache: 'no-store',
        }),
      ),
      'cart',
    );
  }

  async setLine(
    code: string,
    cap: string,
    menuItemId: string,
    quantity: number,
  ): Promise<Cart> {
    const body: SetCartLineRequest = { quantity };
    return parseBody(
      Cart,
      await settle(
        this.http.put(
          this.url(
            `${table(code)}/cart/items/${encodeURIComponent(menuItemId)}`,
          ),
          body,
          { headers: capHeader(cap) },
        ),
      ),
      'cart',
    );
  }

  /** `idempotencyKey` is the same for every retry of one "Place order" press. */
  async placeOrder(
    code: string,
    cap: string,
    body: PlaceOrderRequest,
    idempotencyKey: string,
  ): Promise<DinerOrder> {
    return parseBody(
      DinerOrder,
      await settle(
        this.http.post(this.url(`${table(code)}/orders`), body, {
          headers: capHeader(cap),
          context: withIdempotencyKey(idempotencyKey),
        }),
      ),
      'order',
    );
  }

  async orders(code: string, cap: string): Promise<DinerOrder[]> {
    return parseItems(
      DinerOrder,
      await settle(
        this.http.get(this.url(`${table(code)}/orders`), {
          headers: capHeader(cap),
          cache: 'no-store',
        }),
      ),
      'orders',
    );
  }
}

const table = (code: string) =>
  `/api/public/tables/${encodeURIComponent(code)}`;

const capHeader = (cap: string) =>
  new HttpHeaders({ [Header.SESSION_CAP]: cap });

async function settle(call: Observable<unknown>): Promise<unknown> {
  try {
    return await firstValueFrom(call);
  } catch (error) {
    throw toApiError(error);
  }
}
