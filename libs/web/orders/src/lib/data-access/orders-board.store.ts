import { Injectable, inject, signal } from '@angular/core';
import {
  ErrorCode,
  Page,
  RealtimeEvent,
  RealtimeNamespace,
  StaffOrder,
  nextOrderStatus,
} from '@foyer/contracts';
import {
  ApiError,
  SessionStore,
  injectRealtime,
  toApiError,
} from '@foyer/web/data-access';
import { firstValueFrom } from 'rxjs';
import { io } from 'socket.io-client';
import { BOARD_COLUMNS, BoardState } from './board-state';
import { StaffOrderingApi } from './staff-ordering.api';

/**
 * The live orders board. On every (re)connect of the `/staff` socket the active orders are
 * re-read (all pages) and merged by id; orders the board still shows as active but the
 * snapshot lacks are re-read one by one. Socket events upsert by id in between, so the
 * board survives reconnects without losing or doubling an order. The socket authenticates
 * with the httpOnly access cookie; a refused or dropped socket refreshes the session first.
 */
@Injectable()
export class OrdersBoardStore {
  private readonly api = inject(StaffOrderingApi);
  private readonly session = inject(SessionStore);
  private readonly realtime = injectRealtime({
    io,
    namespace: RealtimeNamespace.Staff,
    auth: 'cookie',
    renew: () => firstValueFrom(this.session.refresh()),
    onConnect: () => void this.reload(),
    events: {
      [RealtimeEvent.OrderCreated]: (payload) => this.receive(payload),
      [RealtimeEvent.OrderUpdated]: (payload) => this.receive(payload),
    },
  });
  private loadedOnce = false;
  private readonly busyIds = signal<ReadonlySet<string>>(new Set());

  readonly board = new BoardState();
  readonly live = this.realtime.live;
  readonly loadError = signal<ApiError | null>(null);
  /** Orders that arrived since the page opened, highlighted until staff touch them. */
  readonly fresh = signal<ReadonlySet<string>>(new Set());
  /** Called with every order new to the board after the first load (sound, announcement). */
  onNewOrders: (orders: StaffOrder[]) => void = () => undefined;

  start(): void {
    void this.reload();
    this.realtime.open();
  }

  isBusy(id: string): boolean {
    return this.busyIds().has(id);
  }

  /**
   * Re-reads every active order and merges; see the class comment. Never rejects: failures
   * land in `loadError()`.
   */
  async reload(): Promise<void> {
    try {
      const snapshot: StaffOrder[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<StaffOrder> = await firstValueFrom(
          this.api.orders(BOARD_COLUMNS, cursor),
        );
        snapshot.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const { added, missing } = this.board.reconcile(snapshot);
      this.loadError.set(null);
      if (this.loadedOnce) {
        this.announce(added);
      }
      this.loadedOnce = true;
      await Promise.all(missing.map((id) => this.reread(id)));
    } catch (error) {
      this.loadError.set(toApiError(error));
    }
  }

  /** One tap: the next status along the flow. */
  advance(order: StaffOrder): Promise<ApiError | null> {
    const next = nextOrderStatus(order.status);
    return next ? this.change(order, next) : Promise.resolve(null);
  }

  cancel(order: StaffOrder): Promise<ApiError | null> {
    return this.change(order, 'cancelled');
  }

  seen(id: string): void {
    if (this.fresh().has(id)) {
      this.fresh.update((ids) => without(ids, id));
    }
  }

  private async change(
    order: StaffOrder,
    status: StaffOrder['status'],
  ): Promise<ApiError | null> {
    this.seen(order.id);
    this.busyIds.update((ids) => new Set(ids).add(order.id));
    try {
      this.board.upsert(await this.api.setStatus(order.id, status));
      return null;
    } catch (error) {
      const apiError = toApiError(error);
      if (
        apiError.code === ErrorCode.INVALID_TRANSITION ||
        apiError.status === 404
      ) {
        // Someone else moved it first: show where it is now.
        await this.reread(order.id);
      }
      return apiError;
    } finally {
      this.busyIds.update((ids) => without(ids, order.id));
    }
  }

  private async reread(id: string): Promise<void> {
    try {
      this.board.upsert(await this.api.order(id));
    } catch (error) {
      if (toApiError(error).status === 404) {
        this.board.forget(id);
      }
    }
  }

  private receive(payload: unknown): void {
    const order = StaffOrder.safeParse(payload);
    if (order.success && this.board.upsert(order.data) === 'new') {
      this.announce([order.data.id]);
    }
  }

  private announce(ids: string[]): void {
    const orders = ids.flatMap((id) => this.board.get(id) ?? []);
    if (orders.length === 0) {
      return;
    }
    this.fresh.update((held) => new Set([...held, ...ids]));
    this.onNewOrders(orders);
  }
}

function without(ids: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(ids);
  next.delete(id);
  return next;
}
