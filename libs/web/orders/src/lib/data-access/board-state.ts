import { computed, signal } from '@angular/core';
import {
  OrderStatus,
  StaffOrder,
  isFinalOrderStatus,
  isNewerOrder,
} from '@foyer/contracts';

/** The board's columns, in the order an order moves through them. */
export const BOARD_COLUMNS = [
  'received',
  'accepted',
  'preparing',
  'ready',
] as const satisfies readonly OrderStatus[];
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

export type UpsertResult = 'new' | 'updated' | 'ignored';

/**
 * The live orders board as a map by id, fed from two sources in any order: socket events
 * and (re)fetched snapshots. A view replaces the held one only if it is later (newer
 * `updatedAt`, then the status further along), so a late event never undoes a newer
 * status and nothing is ever listed twice. Served and cancelled orders stay in the map
 * (off the columns), so a late event cannot bring them back.
 */
export class BoardState {
  private readonly byId = signal<ReadonlyMap<string, StaffOrder>>(new Map());

  readonly columns = computed(() => {
    const active = [...this.byId().values()]
      .filter((order) => !isFinalOrderStatus(order.status))
      .sort(
        (a, b) =>
          Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
          a.id.localeCompare(b.id),
      );
    return BOARD_COLUMNS.map((status) => ({
      status,
      orders: active.filter((order) => order.status === status),
    }));
  });

  readonly activeCount = computed(() =>
    this.columns().reduce((n, column) => n + column.orders.length, 0),
  );

  get(id: string): StaffOrder | undefined {
    return this.byId().get(id);
  }

  upsert(order: StaffOrder): UpsertResult {
    const held = this.byId().get(order.id);
    if (held && !isNewerOrder(order, held)) {
      return 'ignored';
    }
    this.byId.update((map) => new Map(map).set(order.id, order));
    return held ? 'updated' : 'new';
  }

  /**
   * Merges a fresh snapshot of the active orders. Returns the ids new to the board, and
   * the ids the board shows as active that the snapshot no longer has: they were served
   * or cancelled while we were away; the caller re-reads them one by one.
   */
  reconcile(snapshot: readonly StaffOrder[]): {
    added: string[];
    missing: string[];
  } {
    const added = snapshot
      .map((order) => ({ id: order.id, result: this.upsert(order) }))
      .filter(({ result }) => result === 'new')
      .map(({ id }) => id);
    const inSnapshot = new Set(snapshot.map((order) => order.id));
    const missing = [...this.byId().values()]
      .filter(
        (order) =>
          !isFinalOrderStatus(order.status) && !inSnapshot.has(order.id),
      )
      .map((order) => order.id);
    return { added, missing };
  }

  /** Drops an order the server no longer knows (404 on re-read). */
  forget(id: string): void {
    this.byId.update((map) => {
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }
}
