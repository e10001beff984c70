import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  DiningTable,
  DiningTableRequest,
  MenuCategory,
  MenuCategoryRequest,
  MenuItem,
  MenuItemRequest,
  OrderStatus,
  Page,
  StaffOrder,
  UpdateOrderRequest,
} from '@foyer/contracts';
import {
  IdempotencyKeys,
  injectApiUrl,
  parseBody,
  parsePage,
  toApiError,
  withIdempotencyKey,
} from '@foyer/web/data-access';
import { Observable, firstValueFrom, map } from 'rxjs';

const readOrder = (body: unknown) => parseBody(StaffOrder, body, 'order');
const readTable = (body: unknown) => parseBody(DiningTable, body, 'table');
const readCategory = (body: unknown) =>
  parseBody(MenuCategory, body, 'menu category');
const readItem = (body: unknown) => parseBody(MenuItem, body, 'menu item');
/** Deleting and closing answer 204: nothing to read. */
const readNothing = (): void => undefined;

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
    return this.http
      .get<unknown>(this.url('/api/staff/orders'), { params })
      .pipe(map((body) => parsePage(StaffOrder, body, 'orders')));
  }

  async order(id: string): Promise<StaffOrder> {
    return readOrder(
      await settle(
        this.http.get<unknown>(this.url(`/api/staff/orders/${enc(id)}`)),
      ),
    );
  }

  setStatus(id: string, status: OrderStatus): Promise<StaffOrder> {
    const body: UpdateOrderRequest = { status };
    return this.mutate(
      `order:${id}`,
      body,
      (context) =>
        this.http.patch<unknown>(
          this.url(`/api/staff/orders/${enc(id)}`),
          body,
          { context },
        ),
      readOrder,
    );
  }

  // Tables
  tables(cursor: string | null): Observable<Page<DiningTable>> {
    return this.http
      .get<unknown>(this.url('/api/staff/tables'), { params: page(cursor) })
      .pipe(map((body) => parsePage(DiningTable, body, 'tables')));
  }

  createTable(label: string): Promise<DiningTable> {
    const body: DiningTableRequest = { label };
    return this.mutate(
      'table:create',
      body,
      (context) =>
        this.http.post<unknown>(this.url('/api/staff/tables'), body, {
          context,
        }),
      readTable,
    );
  }

  renameTable(id: string, label: string): Promise<DiningTable> {
    const body: Partial<DiningTableRequest> = { label };
    return this.mutate(
      `table:${id}`,
      body,
      (context) =>
        this.http.patch<unknown>(
          this.url(`/api/staff/tables/${enc(id)}`),
          body,
          { context },
        ),
      readTable,
    );
  }

  deleteTable(id: string): Promise<void> {
    return this.mutate(
      `table-delete:${id}`,
      {},
      (context) =>
        this.http.delete(this.url(`/api/staff/tables/${enc(id)}`), {
          context,
        }),
      readNothing,
    );
  }

  rotateCode(id: string): Promise<DiningTable> {
    return this.mutate(
      `table-rotate:${id}`,
      {},
      (context) =>
        this.http.post<unknown>(
          this.url(`/api/staff/tables/${enc(id)}/rotate-code`),
          {},
          { context },
        ),
      readTable,
    );
  }

  closeSitting(id: string): Promise<void> {
    return this.mutate(
      `table-close:${id}`,
      {},
      (context) =>
        this.http.post(
          this.url(`/api/staff/tables/${enc(id)}/close-sitting`),
          {},
          { context },
        ),
      readNothing,
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
    return this.http
      .get<unknown>(this.url('/api/staff/menu/categories'), {
        params: page(cursor),
      })
      .pipe(map((body) => parsePage(MenuCategory, body, 'menu categories')));
  }

  saveCategory(
    id: string | null,
    body: MenuCategoryRequest,
  ): Promise<MenuCategory> {
    return id
      ? this.mutate(
          `category:${id}`,
          body,
          (context) =>
            this.http.patch<unknown>(
              this.url(`/api/staff/menu/categories/${enc(id)}`),
              body,
              { context },
            ),
          readCategory,
        )
      : this.mutate(
          'category:create',
          body,
          (context) =>
            this.http.post<unknown>(
              this.url('/api/staff/menu/categories'),
              body,
              { context },
            ),
          readCategory,
        );
  }

  deleteCategory(id: string): Promise<void> {
    return this.mutate(
      `category-delete:${id}`,
      {},
      (context) =>
        this.http.delete(this.url(`/api/staff/menu/categories/${enc(id)}`), {
          context,
        }),
      readNothing,
    );
  }

  items(cursor: string | null): Observable<Page<MenuItem>> {
    return this.http
      .get<unknown>(this.url('/api/staff/menu/items'), {
        params: page(cursor),
      })
      .pipe(map((body) => parsePage(MenuItem, body, 'menu items')));
  }

  saveItem(id: string | null, body: MenuItemRequest): Promise<MenuItem> {
    return id
      ? this.mutate(
          `item:${id}`,
          body,
          (context) =>
            this.http.patch<unknown>(
              this.url(`/api/staff/menu/items/${enc(id)}`),
              body,
              { context },
            ),
          readItem,
        )
      : this.mutate(
          'item:create',
          body,
          (context) =>
            this.http.post<unknown>(this.url('/api/staff/menu/items'), body, {
              context,
            }),
          readItem,
        );
  }

  deleteItem(id: string): Promise<void> {
    return this.mutate(
      `item-delete:${id}`,
      {},
      (context) =>
        this.http.delete(this.url(`/api/staff/menu/items/${enc(id)}`), {
          context,
        }),
      readNothing,
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
        this.http.post<unknown>(
          this.url(`/api/staff/menu/items/${enc(id)}/image`),
          form,
          { context },
        ),
      readItem,
    );
  }

  /** Sends a mutation and reads its answer with `read`; failures reject with an ApiError. */
  private async mutate<T>(
    scope: string,
    body: unknown,
    request: (
      context: ReturnType<typeof withIdempotencyKey>,
    ) => Observable<unknown>,
    read: (answer: unknown) => T,
  ): Promise<T> {
    const context = withIdempotencyKey(this.keys.keyFor(scope, body));
    let answer: unknown;
    try {
      answer = await settle(request(context));
      this.keys.settle(scope);
    } catch (error) {
      this.keys.settle(scope, toApiError(error));
      throw error;
    }
    return read(answer);
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
