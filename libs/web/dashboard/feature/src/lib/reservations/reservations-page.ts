import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Permission } from '@foyer/contracts';
import { SessionStore } from '@foyer/web/data-access';
import {
  PerformancesStore,
  RESERVATION_STATUSES,
  ReservationFilters,
  StaffReservation,
  StaffReservationsStore,
  isReservationStatus,
} from '@foyer/web/dashboard-data-access';
import {
  ConfirmButton,
  DataTable,
  DateTimePipe,
  Pager,
  StatusBadge,
  deviceTimeZone,
} from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';
import {
  ReservationAction,
  availableActions,
  reservationActionMessage,
  reservationTone,
} from './reservation-messages';

/**
 * `/staff/reservations?performance=<id>`: the reservations of one performance, searched
 * by name, email or reference and filtered by status; cancel and resend for
 * reservations:manage. The performance lives in the URL so the view can be linked.
 */
@Component({
  selector: 'foyer-reservations-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    ConfirmButton,
    DataTable,
    DateTimePipe,
    Pager,
    StatusBadge,
  ],
  providers: [StaffReservationsStore, PerformancesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reservations-page.html',
  styleUrl: './reservations-page.css',
})
export class ReservationsPage {
  protected readonly store = inject(StaffReservationsStore);
  protected readonly performances = inject(PerformancesStore);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly canManage = computed(() =>
    this.session.can(Permission.RESERVATIONS_MANAGE),
  );
  protected readonly statuses = RESERVATION_STATUSES;
  protected readonly tone = reservationTone;
  protected readonly timeZone = deviceTimeZone();
  protected readonly status = signal('');
  protected readonly performanceId = signal<string | null>(null);
  protected readonly performance = computed(
    () =>
      this.performances.list
        .items()
        .find((p) => p.id === this.performanceId()) ?? null,
  );

  protected readonly columns = computed(() => [
    'Reference',
    'Name',
    'Email',
    'Party',
    'Status',
    'Checked in',
    ...(this.canManage() ? ['Actions'] : []),
  ]);

  protected readonly filters = new FormGroup({
    q: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(120)],
    }),
    status: new FormControl('', { nonNullable: true }),
  });

  protected readonly listStatus = computed(() => {
    const error = this.store.list.loadError();
    if (error) {
      return describeApiError(error);
    }
    if (!this.performanceId()) {
      return '';
    }
    if (!this.store.list.loaded()) {
      return this.store.list.loading() ? 'Loading reservations…' : '';
    }
    const count = this.store.list.items().length;
    return `${count === 0 ? 'No' : count} reservation${count === 1 ? '' : 's'} shown${this.store.list.hasMore() ? ', more available' : ''}.`;
  });

  constructor() {
    void this.performances.list.loadAll();
    inject(ActivatedRoute)
      .queryParamMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        const id = params.get('performance');
        this.performanceId.set(id);
        if (id) {
          void this.store.search(id, this.currentFilters());
        }
      });
  }

  protected choosePerformance(id: string): void {
    this.router
      .navigate([], { queryParams: { performance: id || null } })
      .catch(() =>
        this.status.set('That performance could not be opened. Try again.'),
      );
  }

  protected search(): void {
    const id = this.performanceId();
    if (id && this.filters.valid) {
      void this.store.search(id, this.currentFilters());
    }
  }

  protected clear(): void {
    this.filters.reset();
    this.search();
  }

  protected actions(
    reservation: StaffReservation,
  ): readonly ReservationAction[] {
    return availableActions(reservation, this.canManage());
  }

  protected async cancel(reservation: StaffReservation): Promise<void> {
    const error = await this.store.cancel(reservation);
    this.status.set(reservationActionMessage('cancel', reservation, error));
  }

  protected async resend(reservation: StaffReservation): Promise<void> {
    const error = await this.store.resendTicket(reservation);
    this.status.set(reservationActionMessage('resend', reservation, error));
  }

  private currentFilters(): ReservationFilters {
    const { q, status } = this.filters.getRawValue();
    return {
      q: q.trim() || undefined,
      status: isReservationStatus(status) ? status : undefined,
    };
  }
}
