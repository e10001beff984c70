import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { OrderStatus, Page, StaffOrder } from '@foyer/contracts';
import {
  IdempotencyKeys,
  injectApiUrl,
  toApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';
import {
  DiningTable,
  MenuCategory,
  MenuItem,
  MenuItemInput,
} from './staff-ordering.models';

/**
 * Staff calls for menu, tables and orders. Reads return Observables of pages (for
 * PagedList); mutations resolve or reject with an ApiError and keep their
 * Idempotency-Key while the API stored no answer, so a resend never acts twice.
 */
@Injectable({ providedIn: 'root' })
export class StaffOrderingApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();
  private readonly keys = new IdempotencyKeys();

  // Orders
  orders(
    statuses: readonly OrderStatus[],
    cursor: string | null,
  ): Observable<Page<StaffOrder>> {
    let params = new HttpParams()
      .set('limit', 100)
      .set('status', statuses.join(','));
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http.get<Page<StaffOrder>>(this.url('/api/staff/orders'), {
      params,
    });
  }

  order(id: string): Promise<StaffOrder> {
    return settle(
      this.http.get<StaffOrder>(this.url(`/api/staff/orders/${enc(id)}`)),
    );
  }

  setStatus(id: string, status: OrderStatus): Promise<StaffOrder> {
    return this.mutate(`order:${id}`, { status }, (context) =>
      this.http.patch<StaffOrder>(
        this.url(`/api/staff/orders/${enc(id)}`),
        { status },
        { context },
      ),
    );
  }

  // Tables
  tables(cursor: string | null): Observable<Page<DiningTable>> {
    return this.http.get<Page<DiningTable>>(this.url('/api/staff/tables'), {
      params: page(cursor),
    });
  }

  createTable(label: string): Promise<DiningTable> {
    return this.mutate('table:create', { label }, (context) =>
      this.http.post<DiningTable>(
        this.url('/api/staff/tables'),
        { label },
        { context },
      ),
    );
  }

  renameTable(id: string, label: string): Promise<DiningTable> {
    return this.mutate(`table:${id}`, { label }, (context) =>
      this.http.patch<DiningTable>(
        this.url(`/api/staff/tables/${enc(id)}`),
        { label },
        { context },
      ),
    );
  }

  deleteTable(id: string): Promise<unknown> {
    return this.mutate(`table-delete:${id}`, {}, (context) =>
      this.http.delete(this.url(`/api/staff/tables/${enc(id)}`), { context }),
    );
  }

  rotateCode(id: string): Promise<DiningTable> {
    return this.mutate(`table-rotate:${id}`, {}, (context) =>
      this.http.post<DiningTable>(
        this.url(`/api/staff/tables/${enc(id)}/rotate-code`),
        {},
        { context },
      ),
    );
  }

  closeSitting(id: string): Promise<unknown> {
    return this.mutate(`table-close:${id}`, {}, (context) =>
      this.http.post(
        this.url(`/api/staff/tables/${enc(id)}/close-sitting`),
        {},
        { context },
      ),
    );
  }

  /** The QR code as SVG text (shown as an inert `data:` image, never as markup). */
  tableQrSvg(id: string): Promise<string> {
    return settle(
      this.http.get(this.url(`/api/staff/tables/${enc(id)}/qr`), {
        params: new HttpParams().set('format', 'svg'),
        responseType: 'text',
      }),
    );
  }

  qrSheetUrl(): string {
    return this.url('/api/staff/tables/qr-sheet');
  }

  // Menu
  categories(cursor: string | null): Observable<Page<MenuCategory>> {
    return this.http.get<Page<MenuCategory>>(
      this.url('/api/staff/menu/categories'),
      {
        params: page(cursor),
      },
    );
  }

  saveCategory(
    id: string | null,
    body: { name: string; position: number },
  ): Promise<MenuCategory> {
    return id
      ? this.mutate(`category:${id}`, body, (context) =>
          this.http.patch<MenuCategory>(
            this.url(`/api/staff/menu/categories/${enc(id)}`),
            body,
            { context },
          ),
        )
      : this.mutate('category:create', body, (context) =>
          this.http.post<MenuCategory>(
            this.url('/api/staff/menu/categories'),
            body,
            { context },
          ),
        );
  }

  deleteCategory(id: string): Promise<unknown> {
    return this.mutate(`category-delete:${id}`, {}, (context) =>
      this.http.delete(this.url(`/api/staff/menu/categories/${enc(id)}`), {
        context,
      }),
    );
  }

  items(cursor: string | null): Observable<Page<MenuItem>> {
    return this.http.get<Page<MenuItem>>(this.url('/api/staff/menu/items'), {
      params: page(cursor),
    });
  }

  saveItem(id: string | null, body: MenuItemInput): Promise<MenuItem> {
    return id
      ? this.mutate(`item:${id}`, body, (context) =>
          this.http.patch<MenuItem>(
            this.url(`/api/staff/menu/items/${enc(id)}`),
            body,
            { context },
          ),
        )
      : this.mutate('item:create', body, (context) =>
          this.http.post<MenuItem>(this.url('/api/staff/menu/items'), body, {
            context,
          }),
        );
  }

  deleteItem(id: string): Promise<unknown> {
    return this.mutate(`item-delete:${id}`, {}, (context) =>
      this.http.delete(this.url(`/api/staff/menu/items/${enc(id)}`), {
        context,
      }),
    );
  }

  /** Multipart `file`; the API answers 413 (too big) or 415 (not JPEG/PNG/WebP by content). */
  uploadImage(id: string, file: File): Promise<MenuItem> {
    const form = new FormData();
    form.append('file', file, file.name);
    // A file has no stable JSON body: one key per picked file (name, size, time) is enough.
    return this.mutate(
      `image:${id}`,
      { name: file.name, size: file.size, modified: file.lastModified },
      (context) =>
        this.http.post<MenuItem>(
          this.url(`/api/staff/menu/items/${enc(id)}/image`),
          form,
          { context },
        ),
    );
  }

  private async mutate<T>(
    scope: string,
    body: unknown,
    request: (context: ReturnType<typeof withIdempotencyKey>) => Observable<T>,
  ): Promise<T> {
    const context = withIdempotencyKey(this.keys.keyFor(scope, body));
    try {
      const value = await settle(request(context));
      this.keys.settle(scope);
      return value;
    } catch (error) {
      this.keys.settle(scope, toApiError(error));
      throw error;
    }
  }
}

const enc = encodeURIComponent;

const page = (cursor: string | null) => {
  const params = new HttpParams().set('limit', 100);
  return cursor ? params.set('cursor', cursor) : params;
};

async function settle<T>(call: Observable<T>): Promise<T> {
  try {
    return await firstValueFrom(call);
  } catch (error) {
    throw toApiError(error);
  }
}
