import { Injectable, computed, inject, signal } from '@angular/core';
import { ApiError, toApiError } from '@foyer/web/data-access';
import { firstValueFrom } from 'rxjs';
import { AuditApi } from './audit.api';
import { AuditEvent, AuditFilters, ChainVerification } from './audit.models';

/** State of the audit page; provide it on the page component. */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);

  private readonly list = signal<readonly AuditEvent[]>([]);
  private readonly cursor = signal<string | null>(null);
  private readonly activeFilters = signal<AuditFilters>({});
  /** Drops answers to a search the user has since replaced. */
  private generation = 0;

  readonly events = this.list.asReadonly();
  readonly filters = this.activeFilters.asReadonly();
  readonly hasMore = computed(() => this.cursor() !== null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly loadError = signal<ApiError | null>(null);

  readonly verification = signal<ChainVerification | null>(null);
  readonly verifying = signal(false);
  readonly verifyError = signal<ApiError | null>(null);

  async search(filters: AuditFilters): Promise<void> {
    this.activeFilters.set(filters);
    this.list.set([]);
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

  async verify(): Promise<void> {
    this.verifying.set(true);
    this.verifyError.set(null);
    this.verification.set(null);
    try {
      this.verification.set(await firstValueFrom(this.api.verify()));
    } catch (error) {
      this.verifyError.set(toApiError(error));
    } finally {
      this.verifying.set(false);
    }
  }

  private async fetch(
    cursor: string | null,
    generation: number,
  ): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const page = await firstValueFrom(
        this.api.list(this.activeFilters(), cursor),
      );
      if (generation !== this.generation) {
        return;
      }
      this.list.update((rows) => [...rows, ...page.items]);
      this.cursor.set(page.nextCursor);
      this.loaded.set(true);
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
