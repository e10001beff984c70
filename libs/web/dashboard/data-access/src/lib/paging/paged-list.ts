import { computed, signal } from '@angular/core';
import { Page } from '@foyer/contracts';
import { ApiError, toApiError } from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';

/**
 * One cursor-paged staff collection (`{items, nextCursor}`) as signals. `reload` starts
 * over (answers to a replaced load are dropped); `loadMore` follows the cursor. Rows are
 * keyed by id so a store can patch them after a mutation. `reload`, `loadMore` and
 * `loadAll` never reject: failures land in `loadError()`.
 */
export class PagedList<T extends { readonly id: string }> {
  private readonly rows = signal<readonly T[]>([]);
  private readonly cursor = signal<string | null>(null);
  private generation = 0;

  readonly items = this.rows.asReadonly();
  readonly hasMore = computed(() => this.cursor() !== null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly loadError = signal<ApiError | null>(null);

  constructor(
    private readonly fetchPage: (cursor: string | null) => Observable<Page<T>>,
  ) {}

  async reload(): Promise<void> {
    this.rows.set([]);
    this.cursor.set(null);
    this.loaded.set(false);
    await this.fetch(null, ++this.generation);
  }

  async loadMore(): Promise<void> {
    const cursor = this.cursor();
    if (cursor !== null && !this.loading()) {
      await this.fetch(cursor, this.generation);
    }
  }

  /** Every page, following the cursor: for pickers over small collections (rooms, performances). */
  async loadAll(): Promise<void> {
    await this.reload();
    while (this.hasMore() && !this.loadError()) {
      await this.loadMore();
    }
  }

  /** Replaces the row with the same id, or appends it. */
  upsert(item: T): void {
    this.rows.update((rows) =>
      rows.some((row) => row.id === item.id)
        ? rows.map((row) => (row.id === item.id ? item : row))
        : [...rows, item],
    );
  }

  remove(id: string): void {
    this.rows.update((rows) => rows.filter((row) => row.id !== id));
  }

  private async fetch(
    cursor: string | null,
    generation: number,
  ): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const page = await firstValueFrom(this.fetchPage(cursor));
      if (generation === this.generation) {
        this.rows.update((rows) => [...rows, ...page.items]);
        this.cursor.set(page.nextCursor);
        this.loaded.set(true);
      }
    } catch (error) {
      if (generation === this.generation) {
        this.loadError.set(toApiError(error));
      }
    } finally {
      if (generation === this.generation) {
        this.loading.set(false);
      }
    }
  }
}
