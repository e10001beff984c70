import { computed, signal } from '@angular/core';
import { Cart } from '@foyer/contracts';

/** Sends one line's absolute quantity; answers with the table's whole cart. */
export type PutLine = (menuItemId: string, quantity: number) => Promise<Cart>;

/**
 * The table's shared cart as this device sees it. The server's cart is the truth (from
 * `PUT` answers, `GET`, and `cart.updated` when anyone at the table changes it); a line
 * being changed here shows the wanted quantity until the server has it. Taps on one item
 * are coalesced: at most one PUT per item is in flight and the last wanted quantity is
 * sent when it returns, so quick taps never reorder on the wire. A PUT sets, never adds.
 */
export class CartState {
  private readonly server = signal<Cart | null>(null);
  private readonly wanted = signal<ReadonlyMap<string, number>>(new Map());
  private readonly inFlight = new Set<string>();

  readonly cart = this.server.asReadonly();
  readonly lineCount = computed(() =>
    (this.server()?.lines ?? []).reduce((n, line) => n + line.quantity, 0),
  );
  readonly pending = computed(() => this.wanted().size > 0);

  constructor(private readonly put: PutLine) {}

  /** A cart from the server (answer or broadcast). */
  receive(cart: Cart): void {
    this.server.set(cart);
  }

  quantity(menuItemId: string): number {
    const wanted = this.wanted().get(menuItemId);
    if (wanted !== undefined) {
      return wanted;
    }
    return (
      this.server()?.lines.find((line) => line.menuItemId === menuItemId)
        ?.quantity ?? 0
    );
  }

  /**
   * Wants `quantity` (0–20) of an item. The call that starts sending resolves when the
   * server holds the last wanted quantity, or rejects with the API's error (the line then
   * shows the server's value again); taps made meanwhile resolve at once and ride along.
   */
  async set(menuItemId: string, quantity: number): Promise<void> {
    const clamped = Math.max(0, Math.min(20, Math.trunc(quantity)));
    this.want(menuItemId, clamped);
    if (this.inFlight.has(menuItemId)) {
      return;
    }
    this.inFlight.add(menuItemId);
    try {
      let sent: number | undefined;
      while (
        this.wanted().get(menuItemId) !== undefined &&
        this.wanted().get(menuItemId) !== sent
      ) {
        sent = this.wanted().get(menuItemId) as number;
        this.receive(await this.put(menuItemId, sent));
      }
      this.want(menuItemId, undefined);
    } catch (error) {
      this.want(menuItemId, undefined);
      throw error;
    } finally {
      this.inFlight.delete(menuItemId);
    }
  }

  private want(menuItemId: string, quantity: number | undefined): void {
    this.wanted.update((map) => {
      const next = new Map(map);
      if (quantity === undefined) {
        next.delete(menuItemId);
      } else {
        next.set(menuItemId, quantity);
      }
      return next;
    });
  }
}
