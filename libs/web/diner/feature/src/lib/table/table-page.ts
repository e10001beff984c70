import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import { DinerOrder, PublicMenuItem } from '@foyer/contracts';
import { toApiError } from '@foyer/web/data-access';
import { DinerStore } from '@foyer/web/diner-data-access';
import {
  DateTimePipe,
  EmptyState,
  MoneyPipe,
  StatusBadge,
  deviceTimeZone,
  formatMoney,
} from '@foyer/web/shared/ui';
import { describeDinerError, statusText, statusTone } from './diner-text';

const NOTE_MAX = 140;

/**
 * `/t/:code`: the table's menu, its shared order (live for everyone at the table), and
 * this sitting's orders with their status, live. Nothing personal is asked. Every text
 * from the API is interpolated as text, never bound as HTML.
 */
@Component({
  selector: 'foyer-table-page',
  imports: [
    ReactiveFormsModule,
    DateTimePipe,
    EmptyState,
    MoneyPipe,
    StatusBadge,
  ],
  providers: [DinerStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './table-page.html',
  styleUrl: './table-page.css',
})
export class TablePage {
  protected readonly store = inject(DinerStore);
  private readonly title = inject(Title);

  protected readonly noteMax = NOTE_MAX;
  protected readonly note = new FormControl('', { nonNullable: true });
  /** Announced politely: results of the diner's own actions and status changes. */
  protected readonly message = signal('');
  protected readonly messageIsError = signal(false);

  protected readonly statusText = statusText;
  protected readonly statusTone = statusTone;
  protected readonly timeZone = deviceTimeZone();

  protected readonly heading = computed(() => {
    const session = this.store.session();
    if (session) {
      return session.table.label;
    }
    switch (this.store.failure()) {
      case 'unknown-table':
        return 'This table code does not work';
      case 'unreachable':
        return 'We could not open this table';
      default:
        return 'Opening your table…';
    }
  });

  protected readonly total = computed(() => {
    const cart = this.store.cart();
    return cart && cart.lines.length
      ? formatMoney(cart.totalCents, cart.currency)
      : '';
  });

  protected readonly orders = computed(() =>
    [...this.store.orders()].reverse(),
  );

  private readonly code =
    inject(ActivatedRoute).snapshot.paramMap.get('code') ?? '';

  constructor() {
    void this.store.open(this.code);
    effect(() => {
      const session = this.store.session();
      if (session) {
        this.title.setTitle(
          `${session.table.label} · ${session.venue.name} · Foyer`,
        );
      }
    });
    // Say it when staff move one of this table's orders on.
    let seen = new Map<string, DinerOrder['status']>();
    effect(() => {
      const orders = this.store.orders();
      const next = new Map(orders.map((o) => [o.id, o.status]));
      for (const order of orders) {
        const before = seen.get(order.id);
        if (before && before !== order.status) {
          this.say(`Order update: ${statusText(order.status)}.`);
        }
      }
      seen = next;
    });
  }

  protected retry(): void {
    void this.store.open(this.code);
  }

  protected quantity(item: PublicMenuItem): number {
    return this.store.cartState.quantity(item.id);
  }

  protected async change(item: PublicMenuItem, by: number): Promise<void> {
    const wanted = this.quantity(item) + by;
    if (wanted < 0 || wanted > 20) {
      return;
    }
    try {
      await this.store.setQuantity(item.id, wanted);
    } catch (error) {
      this.say(describeDinerError(toApiError(error)), true);
    }
  }

  protected async removeLine(menuItemId: string): Promise<void> {
    try {
      await this.store.setQuantity(menuItemId, 0);
    } catch (error) {
      this.say(describeDinerError(toApiError(error)), true);
    }
  }

  protected async place(): Promise<void> {
    if (this.store.placing()) {
      return;
    }
    try {
      const note = this.note.value.slice(0, NOTE_MAX).trim();
      await this.store.placeOrder(note || undefined);
      this.note.reset();
      this.say('Your order was sent. Its status shows below and updates live.');
    } catch (error) {
      this.say(describeDinerError(toApiError(error)), true);
    }
  }

  protected itemCount(order: DinerOrder): number {
    return order.lines.reduce((n, line) => n + line.quantity, 0);
  }

  private say(text: string, error = false): void {
    this.messageIsError.set(error);
    this.message.set(text);
  }
}
