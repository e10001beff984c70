import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  OrderStatus,
  Permission,
  StaffOrder,
  nextOrderStatus,
} from '@foyer/contracts';
import { SessionStore } from '@foyer/web/data-access';
import {
  ConfirmButton,
  DateTimePipe,
  EmptyState,
  MoneyPipe,
  ProblemMessage,
  StatusBadge,
  deviceTimeZone,
} from '@foyer/web/shared/ui';
import { BoardColumn } from '../data-access/board-state';
import { OrdersBoardStore } from '../data-access/orders-board.store';
import { describeStaffError } from '../data-access/staff-text';
import { OrderChime } from './order-chime';

const COLUMN_TITLE: Record<BoardColumn, string> = {
  received: 'New',
  accepted: 'Accepted',
  preparing: 'Preparing',
  ready: 'Ready',
};

const ACTION: Partial<Record<OrderStatus, string>> = {
  accepted: 'Accept',
  preparing: 'Start preparing',
  ready: 'Mark ready',
  served: 'Mark served',
};

/** `/staff/orders` (orders:view; buttons with orders:update): the live orders board. */
@Component({
  selector: 'foyer-orders-board',
  imports: [
    ConfirmButton,
    DateTimePipe,
    EmptyState,
    MoneyPipe,
    ProblemMessage,
    StatusBadge,
  ],
  providers: [OrdersBoardStore, OrderChime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './board-page.html',
  styleUrl: './board-page.css',
  host: { '(pointerdown)': 'chime.unlock()' },
})
export class BoardPage {
  protected readonly store = inject(OrdersBoardStore);
  protected readonly chime = inject(OrderChime);
  private readonly session = inject(SessionStore);

  protected readonly canUpdate = computed(() =>
    this.session.can(Permission.ORDERS_UPDATE),
  );
  /** Read out by screen readers: new orders and the outcome of each tap. */
  protected readonly announcement = signal('');
  protected readonly columnTitle = COLUMN_TITLE;
  protected readonly timeZone = deviceTimeZone();

  constructor() {
    this.store.onNewOrders = (orders) => {
      this.chime.play();
      this.announcement.set(
        orders.length === 1
          ? `New order from ${orders[0].tableLabel}.`
          : `${orders.length} new orders.`,
      );
    };
    this.store.start();
  }

  protected actionLabel(order: StaffOrder): string | null {
    const next = nextOrderStatus(order.status);
    return next ? (ACTION[next] ?? null) : null;
  }

  protected async advance(order: StaffOrder): Promise<void> {
    const next = nextOrderStatus(order.status);
    const error = await this.store.advance(order);
    this.announcement.set(
      error
        ? describeStaffError(error)
        : `${order.tableLabel}: order ${next === 'served' ? 'served' : `moved to ${next}`}.`,
    );
  }

  protected async cancel(order: StaffOrder): Promise<void> {
    const error = await this.store.cancel(order);
    this.announcement.set(
      error
        ? describeStaffError(error)
        : `${order.tableLabel}: order cancelled.`,
    );
  }
}
