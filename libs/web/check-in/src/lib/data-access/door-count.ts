import { Injectable, inject, signal } from '@angular/core';
import {
  CheckInStats,
  RealtimeEvent,
  RealtimeNamespace,
} from '@foyer/contracts';
import { SessionStore, injectRealtime } from '@foyer/web/data-access';
import { firstValueFrom } from 'rxjs';
import { io } from 'socket.io-client';
import { CheckInApi } from './check-in.api';

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
  private readonly realtime = injectRealtime({
    io,
    namespace: RealtimeNamespace.Staff,
    auth: 'cookie',
    renew: () => firstValueFrom(this.session.refresh()),
    onConnect: () => void this.refresh(),
    events: {
      [RealtimeEvent.CheckInUpdated]: (payload) => this.receive(payload),
    },
  });
  private performanceId: string | null = null;

  readonly stats = signal<CheckInStats | null>(null);
  readonly live = this.realtime.live;

  watch(performanceId: string): void {
    this.performanceId = performanceId;
    this.stats.set(null);
    void this.refresh();
    this.realtime.open();
  }

  /** Never rejects: a failed read keeps the last count. */
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

  /** Counts of every performance of the tenant arrive here; only this one's are taken. */
  private receive(payload: unknown): void {
    const stats = CheckInStats.safeParse(payload);
    if (stats.success && stats.data.performanceId === this.performanceId) {
      this.stats.set(stats.data);
    }
  }
}
