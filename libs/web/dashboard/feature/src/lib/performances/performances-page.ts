import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Permission } from '@foyer/contracts';
import { SessionStore } from '@foyer/web/data-access';
import {
  BookingStatus,
  PerformancesStore,
  RoomsStore,
} from '@foyer/web/dashboard-data-access';
import {
  BadgeTone,
  DataTable,
  DateTimePipe,
  Pager,
  StatusBadge,
  deviceTimeZone,
} from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';

const BOOKING_TONE: Readonly<Record<BookingStatus, BadgeTone>> = {
  open: 'ok',
  closed: 'neutral',
  cancelled: 'bad',
};

/** `/staff/performances`: soonest first, with live availability and links to edit and to reservations. */
@Component({
  selector: 'foyer-performances-page',
  imports: [RouterLink, DataTable, DateTimePipe, Pager, StatusBadge],
  providers: [PerformancesStore, RoomsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './performances-page.html',
  styles: `
    .toolbar,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .toolbar {
      margin-bottom: 1rem;
    }
  `,
})
export class PerformancesPage {
  protected readonly store = inject(PerformancesStore);
  private readonly rooms = inject(RoomsStore);
  private readonly session = inject(SessionStore);

  protected readonly canEdit = computed(() =>
    this.session.can(Permission.PERFORMANCES_EDIT),
  );
  protected readonly canSeeReservations = computed(() =>
    this.session.can(Permission.RESERVATIONS_VIEW),
  );
  private readonly roomNames = computed(
    () => new Map(this.rooms.list.items().map((room) => [room.id, room.name])),
  );
  protected readonly timeZone = deviceTimeZone();
  protected readonly bookingTone = BOOKING_TONE;
  protected readonly columns = [
    'Title',
    'Starts',
    'Room',
    'Booking',
    'Seats available',
    'Actions',
  ];

  protected readonly listStatus = computed(() => {
    const error = this.store.list.loadError();
    if (error) {
      return describeApiError(error);
    }
    if (!this.store.list.loaded()) {
      return this.store.list.loading() ? 'Loading performances…' : '';
    }
    const count = this.store.list.items().length;
    return `${count === 0 ? 'No' : count} performance${count === 1 ? '' : 's'} shown${this.store.list.hasMore() ? ', more available' : ''}.`;
  });

  constructor() {
    void this.store.list.reload();
    void this.rooms.list.loadAll();
  }

  protected roomName(id: string): string {
    return this.roomNames().get(id) ?? '';
  }
}
