import {
  DestroyRef,
  InjectionToken,
  Signal,
  inject,
  signal,
} from '@angular/core';
import { RealtimeNamespace } from '@foyer/contracts';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { AppConfig } from '../config/app-config';

export type SocketFactory = (
  url: string,
  options: Partial<ManagerOptions & SocketOptions>,
) => Socket;

/** Replaces `io` in tests with a fake socket. */
export const SOCKET_FACTORY = new InjectionToken<SocketFactory>(
  'SOCKET_FACTORY',
);

export interface RealtimeOptions {
  /**
   * `io` from socket.io-client. The caller imports it, so this shared barrel does not pull
   * socket.io into the pages that never open a socket (home, the booking site).
   */
  readonly io: SocketFactory;
  readonly namespace: (typeof RealtimeNamespace)[keyof typeof RealtimeNamespace];
  /**
   * How the handshake authenticates: the httpOnly access cookie (staff; the SPA never holds
   * the token), or a payload read on every (re)connect, so renewed credentials apply at once.
   */
  readonly auth: 'cookie' | (() => object);
  /** Renews what the server refused (session, capability); the socket reconnects after. */
  readonly renew: () => Promise<unknown>;
  /** Runs after every (re)connect: re-read what may have been missed while offline. */
  readonly onConnect: () => void;
  readonly events: Readonly<Record<string, (payload: unknown) => void>>;
}

/**
 * One socket.io connection that outlives expired credentials. socket.io retries dropped
 * networks itself, but not a socket the server dropped (the credentials expired) nor a
 * refused handshake; for those this waits (1 s, doubling to 30 s), renews the credentials
 * and reconnects. Create it with `injectRealtime`; it closes with its injector.
 */
export class RealtimeConnection {
  private readonly isLive = signal(false);
  private socket: Socket | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  readonly live: Signal<boolean> = this.isLive.asReadonly();

  constructor(
    private readonly createSocket: SocketFactory,
    private readonly url: () => string,
    private readonly options: RealtimeOptions,
  ) {}

  /** Connects, unless already open. */
  open(): void {
    if (this.socket) {
      return;
    }
    const { auth } = this.options;
    const socket = this.createSocket(`${this.url()}${this.options.namespace}`, {
      ...(auth === 'cookie'
        ? { withCredentials: true }
        : { auth: (send: (data: object) => void) => send(auth()) }),
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
    });
    socket.on('connect', () => {
      this.retries = 0;
      this.isLive.set(true);
      this.options.onConnect();
    });
    socket.on('disconnect', (reason) => {
      this.isLive.set(false);
      if (reason === 'io server disconnect') {
        this.reconnectWithFreshCredentials();
      }
    });
    socket.on('connect_error', () => {
      this.isLive.set(false);
      // Not active: the server refused the handshake (auth); socket.io will not retry.
      if (!socket.active) {
        this.reconnectWithFreshCredentials();
      }
    });
    for (const [event, handler] of Object.entries(this.options.events)) {
      socket.on(event, handler);
    }
    this.socket = socket;
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.isLive.set(false);
  }

  private reconnectWithFreshCredentials(): void {
    clearTimeout(this.retryTimer);
    const delay = Math.min(30_000, 1000 * 2 ** this.retries++);
    this.retryTimer = setTimeout(() => {
      // A renewal that ends the page (unknown table) closes this first: nothing to connect.
      this.options
        .renew()
        .finally(() => this.socket?.connect())
        // A failed renewal still reconnects: a refused handshake lands in connect_error,
        // which retries with the next backoff.
        .catch(() => undefined);
    }, delay);
  }
}

/** A realtime connection to the API's `namespace`, closed when the calling injector is destroyed. */
export function injectRealtime(options: RealtimeOptions): RealtimeConnection {
  const config = inject(AppConfig);
  const connection = new RealtimeConnection(
    inject(SOCKET_FACTORY, { optional: true }) ?? options.io,
    () => config.apiBaseUrl(),
    options,
  );
  inject(DestroyRef).onDestroy(() => connection.close());
  return connection;
}
