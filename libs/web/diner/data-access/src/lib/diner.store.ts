import {
  DestroyRef,
  Injectable,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  Cart,
  DinerOrder,
  DinerSession,
  ErrorCode,
  PublicMenu,
  RealtimeEvent,
  RealtimeNamespace,
} from '@foyer/contracts';
import {
  ApiError,
  IdempotencyKeys,
  injectRealtime,
  toApiError,
} from '@foyer/web/data-access';
import { io } from 'socket.io-client';
import { Capability, renewalDelay } from './capability';
import { CartState } from './cart-state';
import { DinerApi } from './diner.api';
import { deviceId } from './device-id';
import { mergeOrders, upsertOrder } from './table-orders';

/** Why the table page cannot be used at all. */
export type DinerFailure = 'unknown-table' | 'unreachable';

/**
 * One table page: the session capability (renewed before it expires and on refusal), the
 * venue's menu, the shared cart and this sitting's orders, kept live over the `/diner`
 * socket. After every (re)connect the cart and orders are re-read, so nothing missed while
 * offline stays missing. Provide it per page: leaving the page closes the socket and timer.
 */
@Injectable()
export class DinerStore {
  private readonly api = inject(DinerApi);
  private readonly keys = new IdempotencyKeys();
  private readonly realtime = injectRealtime({
    io,
    namespace: RealtimeNamespace.Diner,
    auth: () => ({
      tableCode: this.code,
      sessionCap: this.capability?.session?.sessionCap ?? '',
    }),
    // A 404 here ends the page and closes the socket, so it is not reconnected.
    renew: () => this.renew(),
    onConnect: () => void this.refresh(),
    events: {
      // Events that do not read as their contract shape are ignored: the next re-read fixes it.
      [RealtimeEvent.CartUpdated]: (payload) => {
        const cart = Cart.safeParse(payload);
        if (cart.success) {
          this.cartState.receive(cart.data);
        }
      },
      [RealtimeEvent.OrderUpdated]: (payload) => {
        const order = DinerOrder.safeParse(payload);
        if (order.success) {
          this.orders.update((orders) => upsertOrder(orders, order.data));
        }
      },
    },
  });

  private code = '';
  private capability: Capability | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;

  readonly session = signal<DinerSession | null>(null);
  readonly menu = signal<PublicMenu | null>(null);
  readonly orders = signal<DinerOrder[]>([]);
  readonly failure = signal<DinerFailure | null>(null);
  readonly live = this.realtime.live;
  readonly placing = signal(false);
  readonly cartState = new CartState((itemId, quantity) =>
    this.withCap((cap) => this.api.setLine(this.code, cap, itemId, quantity)),
  );
  readonly cart = this.cartState.cart;
  readonly loading = computed(
    () => this.failure() === null && this.session() === null,
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Never rejects: failures land in `failure()`; a menu that cannot load shows empty. */
  async open(code: string): Promise<void> {
    this.stop();
    this.code = code;
    this.failure.set(null);
    const capability = new Capability(() =>
      this.api.openSession(code, deviceId()),
    );
    this.capability = capability;
    try {
      this.adopt(await capability.renew());
    } catch (error) {
      this.fail(toApiError(error));
      return;
    }
    const slug = this.session()?.venue.slug ?? '';
    await Promise.all([
      this.api
        .menu(slug)
        .then((menu) => this.menu.set(menu))
        .catch(() => this.menu.set({ categories: [] })),
      this.refresh(),
    ]);
    this.realtime.open();
  }

  /**
   * Re-reads the cart and this sitting's orders; events that arrived meanwhile are kept.
   * Never rejects: a 404 lands in `failure()`, anything else keeps what is on screen.
   */
  async refresh(): Promise<void> {
    try {
      const [cart, orders] = await Promise.all([
        this.withCap((cap) => this.api.cart(this.code, cap)),
        this.withCap((cap) => this.api.orders(this.code, cap)),
      ]);
      this.cartState.receive(cart);
      this.orders.update((known) => mergeOrders(known, orders));
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status === 404) {
        this.fail(apiError);
      }
      // Otherwise keep what is on screen; the next event or reconnect tries again.
    }
  }

  /** Sets (not adds) an item's quantity; rejects with the ApiError when the API refuses. */
  setQuantity(menuItemId: string, quantity: number): Promise<void> {
    return this.cartState.set(menuItemId, quantity).catch((error: unknown) => {
      const apiError = toApiError(error);
      if (apiError.status === 404 && apiError.code === ErrorCode.NOT_FOUND) {
        // The item left the menu: show the current cart and menu.
        void this.refresh();
        void this.reloadMenu();
      }
      throw apiError;
    });
  }

  /**
   * Places the table's cart as an order. The Idempotency-Key is kept while the answer was
   * not stored (network error, 5xx, 429), so pressing again cannot order twice; any other
   * answer is final and the next press gets a fresh key.
   */
  async placeOrder(note?: string): Promise<DinerOrder> {
    const body = note ? { note } : {};
    const key = this.keys.keyFor('place', body);
    this.placing.set(true);
    try {
      const order = await this.withCap((cap) =>
        this.api.placeOrder(this.code, cap, body, key),
      );
      this.keys.settle('place');
      this.orders.update((orders) => upsertOrder(orders, order));
      this.cartState.receive({
        lines: [],
        totalCents: 0,
        currency: this.cart()?.currency ?? order.currency,
      });
      return order;
    } catch (error) {
      const apiError = toApiError(error);
      this.keys.settle('place', apiError);
      if (
        apiError.code === ErrorCode.ITEM_UNAVAILABLE ||
        apiError.code === ErrorCode.CART_EMPTY
      ) {
        void this.refresh();
        void this.reloadMenu();
      }
      throw apiError;
    } finally {
      this.placing.set(false);
    }
  }

  /** Never rejects: a failed read keeps the current menu. */
  private async reloadMenu(): Promise<void> {
    const slug = this.session()?.venue.slug;
    if (slug) {
      this.menu.set(await this.api.menu(slug).catch(() => this.menu()));
    }
  }

  private withCap<T>(request: (cap: string) => Promise<T>): Promise<T> {
    const capability = this.capability;
    if (!capability) {
      return Promise.reject(
        new ApiError(401, ErrorCode.CAPABILITY_INVALID, 'No table session.'),
      );
    }
    return capability.call(request).then(
      (value) => {
        this.adopt(capability.session);
        return value;
      },
      (error: unknown) => {
        this.adopt(capability.session);
        throw error;
      },
    );
  }

  /** Takes a (possibly new) session and schedules its renewal. */
  private adopt(session: DinerSession | null): void {
    if (!session || session === this.session()) {
      return;
    }
    this.session.set(session);
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(
      () => void this.renew(),
      renewalDelay(session.expiresAt),
    );
  }

  /** Never rejects: a 404 lands in `failure()`, anything else retries in 15 s. */
  private async renew(): Promise<void> {
    const capability = this.capability;
    if (!capability) {
      return;
    }
    try {
      this.adopt(await capability.renew());
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status === 404) {
        this.fail(apiError);
        return;
      }
      // Offline or throttled: try again shortly; calls renew on their own when refused.
      clearTimeout(this.renewTimer);
      this.renewTimer = setTimeout(() => void this.renew(), 15_000);
    }
  }

  private fail(error: ApiError): void {
    this.failure.set(error.status === 404 ? 'unknown-table' : 'unreachable');
    this.stop();
  }

  private stop(): void {
    clearTimeout(this.renewTimer);
    this.realtime.close();
  }
}
