import { Injectable, computed, inject, signal } from '@angular/core';
import { ApiError, IdempotencyKeys, toApiError } from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';
import { StaffUsersApi } from './staff-users.api';
import {
  NewStaffMember,
  StaffMember,
  StaffMemberChange,
} from './staff-users.models';

/**
 * State of the staff-users page. Provide it on the page component so each visit starts
 * fresh. Mutations resolve to the ApiError (or null on success) so the page can word it.
 */
@Injectable()
export class StaffUsersStore {
  private readonly api = inject(StaffUsersApi);
  private readonly keys = new IdempotencyKeys();

  private readonly list = signal<readonly StaffMember[]>([]);
  private readonly cursor = signal<string | null>(null);
  private readonly busyIds = signal<ReadonlySet<string>>(new Set());

  readonly members = this.list.asReadonly();
  readonly hasMore = computed(() => this.cursor() !== null);
  readonly loading = signal(false);
  readonly loadError = signal<ApiError | null>(null);
  readonly loaded = signal(false);

  isBusy(id: string): boolean {
    return this.busyIds().has(id);
  }

  /** Never rejects: failures land in `loadError()`. */
  async loadFirst(): Promise<void> {
    this.list.set([]);
    this.cursor.set(null);
    await this.fetch(null);
  }

  async loadMore(): Promise<void> {
    const cursor = this.cursor();
    if (cursor !== null && !this.loading()) {
      await this.fetch(cursor);
    }
  }

  async add(member: NewStaffMember): Promise<ApiError | null> {
    const scope = 'add';
    const result = await this.run(
      scope,
      this.api.add(member, this.keys.keyFor(scope, member)),
    );
    if (!(result instanceof ApiError)) {
      // Adding an existing user attaches them; replace rather than duplicate their row.
      this.list.update((rows) => [
        ...rows.filter((row) => row.id !== result.id),
        result,
      ]);
      return null;
    }
    return result;
  }

  changeRole(
    member: StaffMember,
    role: StaffMember['role'],
  ): Promise<ApiError | null> {
    return this.update(member, { role });
  }

  setDisabled(
    member: StaffMember,
    disabled: boolean,
  ): Promise<ApiError | null> {
    return this.update(member, { disabled });
  }

  async remove(member: StaffMember): Promise<ApiError | null> {
    const scope = `remove:${member.id}`;
    const result = await this.withBusy(member.id, () =>
      this.run(
        scope,
        this.api.remove(member.id, this.keys.keyFor(scope, null)),
      ),
    );
    if (result instanceof ApiError) {
      return result;
    }
    this.list.update((rows) => rows.filter((row) => row.id !== member.id));
    return null;
  }

  private async update(
    member: StaffMember,
    change: StaffMemberChange,
  ): Promise<ApiError | null> {
    const scope = `update:${member.id}`;
    const result = await this.withBusy(member.id, () =>
      this.run(
        scope,
        this.api.update(member.id, change, this.keys.keyFor(scope, change)),
      ),
    );
    if (result instanceof ApiError) {
      return result;
    }
    this.list.update((rows) =>
      rows.map((row) => (row.id === member.id ? result : row)),
    );
    return null;
  }

  private async fetch(cursor: string | null): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const page = await firstValueFrom(this.api.list(cursor));
      this.list.update((rows) => [...rows, ...page.items]);
      this.cursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (error) {
      this.loadError.set(toApiError(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async run<T>(
    scope: string,
    request: Observable<T>,
  ): Promise<T | ApiError> {
    try {
      const value = await firstValueFrom(request);
      this.keys.settle(scope);
      return value;
    } catch (error) {
      const apiError = toApiError(error);
      this.keys.settle(scope, apiError);
      return apiError;
    }
  }

  private async withBusy<T>(id: string, work: () => Promise<T>): Promise<T> {
    this.busyIds.update((ids) => new Set(ids).add(id));
    try {
      return await work();
    } finally {
      this.busyIds.update((ids) => {
        const next = new Set(ids);
        next.delete(id);
        return next;
      });
    }
  }
}
