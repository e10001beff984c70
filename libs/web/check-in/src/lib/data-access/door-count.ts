import {
  DestroyRef,
  Injectable,
  InjectionToken,
  inject,
  signal,
} from '@angular/core';
import {
  CheckInStats,
  RealtimeEvent,
  RealtimeNamespace,
} from '@foyer/contracts';
import { AppConfig, SessionStore } from '@foyer/web/data-access';
import { firstValueFrom } from 'rxjs';
import { ManagerOptions, Socket, SocketOptions, io } from 'socket.io-client';
import { CheckInApi } from './check-in.api';
import { parseStats } from './check-in.models';

export type SocketFactory = (
  url: string,
  options: Partial<ManagerOptions & SocketOptions>,
) => Socket;

/** How the door opens its socket; tests provide a fake. */
export const SOCKET_FACTORY = new InjectionToken<SocketFactory>(
  'SOCKET_FACTORY',
  { factory: () => io },
);

/**
 * The running door count of one performance: the stats endpoint once, then `checkin.updated`
 * on the `/staff` namespace. The socket authenticates with the httpOnly access cookie (the SPA
 * never holds the token). When the server drops the socket (the access token expired) or
 * refuses a handshake, the session is refreshed over HTTP and the socket reconnects; after
 * every (re)connect the count is re-read, so events missed meanwhile do not matter.
 */
@Injectable()
export class DoorCount {
  private readonly api = inject(CheckInApi);
  private readonly session = inject(SessionStore);
  private readonly config = inject(AppConfig);
  private readonly createSocket = inject(SOCKET_FACTORY);
  private socket: Socket | null = null;
  private performanceId: string | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  readonly stats = signal<CheckInStats | null>(null);
  readonly live = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  watch(performanceId: string): void {
    this.performanceId = performanceId;
    this.stats.set(null);
    void this.refresh();
    this.connect();
  }

  async refresh(): Promise<void> {
    const id = this.performanceId;
    if (!id) {
      return;
    }
    try {
      const stats = await firstValueFrom(this.api.stats(id));
      if (id === this.performanceId) {
        this.stats.set(stats);
      }
    } catch {
      // The count is a help, not a gate: keep the last one; the next event or reconnect fixes it.
    }
  }

  private connect(): void {
    if (this.socket) {
      return;
    }
    const base = this.config.apiBaseUrl();
    const socket = this.createSocket(`${base}${RealtimeNamespace.Staff}`, {
      withCredentials: true,
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
    });
    socket.on('connect', () => {
      this.retries = 0;
      this.live.set(true);
      void this.refresh();
    });
    socket.on('disconnect', (reason) => {
      this.live.set(false);
      if (reason === 'io server disconnect') {
        this.reconnectWithFreshSession();
      }
    });
    socket.on('connect_error', () => {
      this.live.set(false);
      // `active` false: the server refused the handshake (auth); socket.io will not retry.
      if (!socket.active) {
        this.reconnectWithFreshSession();
      }
    });
    socket.on(RealtimeEvent.CheckInUpdated, (payload: unknown) => {
      const id = this.performanceId;
      const stats = id ? parseStats(payload, id) : null;
      if (
        stats &&
        (payload as { performanceId?: unknown }).performanceId === id
      ) {
        this.stats.set(stats);
      }
    });
    this.socket = socket;
  }

  private reconnectWithFreshSession(): void {
    clearTimeout(this.retryTimer);
    const delay = Math.min(30_000, 1000 * 2 ** this.retries++);
    this.retryTimer = setTimeout(() => {
      void firstValueFrom(this.session.refresh()).finally(() =>
        this.socket?.connect(),
      );
    }, delay);
  }

  private stop(): void {
    clearTimeout(this.retryTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }
}
