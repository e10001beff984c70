import { Injectable, inject, signal } from '@angular/core';
import { ApiError, toApiError } from '@foyer/web/data-access';
import { firstValueFrom } from 'rxjs';
import { PagedList } from '../paging/paged-list';
import { AuditApi } from './audit.api';
import { AuditEvent, AuditFilters, ChainVerification } from './audit.models';

/** State of the audit page; provide it on the page component. */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);

  private readonly activeFilters = signal<AuditFilters>({});
  private readonly list = new PagedList<AuditEvent>((cursor) =>
    this.api.list(this.activeFilters(), cursor),
  );

  readonly events = this.list.items;
  readonly filters = this.activeFilters.asReadonly();
  readonly hasMore = this.list.hasMore;
  readonly loading = this.list.loading;
  readonly loaded = this.list.loaded;
  readonly loadError = this.list.loadError;

  readonly verification = signal<ChainVerification | null>(null);
  readonly verifying = signal(false);
  readonly verifyError = signal<ApiError | null>(null);

  /** Never rejects: failures land in `loadError()`. */
  async search(filters: AuditFilters): Promise<void> {
    this.activeFilters.set(filters);
    await this.list.reload();
  }

  loadMore(): Promise<void> {
    return this.list.loadMore();
  }

  /** Never rejects: failures land in `verifyError()`. */
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
}
