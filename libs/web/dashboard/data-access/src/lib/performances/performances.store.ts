import { Injectable, inject, signal } from '@angular/core';
import { ApiError, toApiError } from '@foyer/web/data-access';
import { firstValueFrom } from 'rxjs';
import { Mutations } from '../paging/mutations';
import { PagedList } from '../paging/paged-list';
import { PerformancesApi } from './performances.api';
import { Performance, PerformanceInput } from './performances.models';

/** Performances list and editor state; provide it on the page. */
@Injectable()
export class PerformancesStore {
  private readonly api = inject(PerformancesApi);
  private readonly mutations = new Mutations();

  readonly list = new PagedList<Performance>((cursor) => this.api.list(cursor));
  /** The performance open in the editor (null for a new one, or until loaded). */
  readonly current = signal<Performance | null>(null);
  readonly currentError = signal<ApiError | null>(null);
  readonly saving = signal(false);

  /** Never rejects: on failure resolves null and sets `currentError()`. */
  async load(id: string): Promise<Performance | null> {
    this.currentError.set(null);
    try {
      const performance = await firstValueFrom(this.api.get(id));
      this.current.set(performance);
      return performance;
    } catch (error) {
      this.currentError.set(toApiError(error));
      return null;
    }
  }

  /** Creates, or updates `id`; resolves to the saved performance or the ApiError. */
  async save(
    input: PerformanceInput,
    id: string | null,
  ): Promise<Performance | ApiError> {
    this.saving.set(true);
    try {
      const result = await this.mutations.run(
        id ? `update:${id}` : 'create',
        input,
        (key) =>
          id ? this.api.update(id, input, key) : this.api.create(input, key),
      );
      if (!(result instanceof ApiError)) {
        this.current.set(result);
        this.list.upsert(result);
      }
      return result;
    } finally {
      this.saving.set(false);
    }
  }
}
