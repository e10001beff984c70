import { Injectable, inject, signal } from '@angular/core';
import { ApiError } from '@foyer/web/data-access';
import { Observable, of } from 'rxjs';
import { Mutations } from '../paging/mutations';
import { PagedList } from '../paging/paged-list';
import { StaffReservationsApi } from './reservations.api';
import { ReservationFilters, StaffReservation } from './reservations.models';

/** The reservations of one performance, searched and filtered; provide it on the page. */
@Injectable()
export class StaffReservationsStore {
  private readonly api = inject(StaffReservationsApi);
  private readonly mutations = new Mutations();
  private readonly performance = signal<string | null>(null);
  private readonly activeFilters = signal<ReservationFilters>({});

  readonly performanceId = this.performance.asReadonly();
  readonly filters = this.activeFilters.asReadonly();
  readonly list = new PagedList<StaffReservation>((cursor) => {
    const id = this.performance();
    return id
      ? this.api.list(id, this.activeFilters(), cursor)
      : of({ items: [], nextCursor: null });
  });

  isBusy(id: string): boolean {
    return this.mutations.isBusy(id);
  }

  /** Never rejects: failures land in `list.loadError()`. */
  async search(
    performanceId: string,
    filters: ReservationFilters,
  ): Promise<void> {
    this.performance.set(performanceId);
    this.activeFilters.set(filters);
    await this.list.reload();
  }

  cancel(reservation: StaffReservation): Promise<ApiError | null> {
    return this.act(reservation, 'cancel', (key) =>
      this.api.cancel(reservation.id, key),
    );
  }

  resendTicket(reservation: StaffReservation): Promise<ApiError | null> {
    return this.act(reservation, 'resend', (key) =>
      this.api.resendTicket(reservation.id, key),
    );
  }

  private async act(
    reservation: StaffReservation,
    verb: string,
    request: (idempotencyKey: string) => Observable<StaffReservation>,
  ): Promise<ApiError | null> {
    const result = await this.mutations.run(
      `${verb}:${reservation.id}`,
      null,
      request,
      reservation.id,
    );
    if (result instanceof ApiError) {
      return result;
    }
    this.list.upsert(result);
    return null;
  }
}
