import { Injectable, Logger } from '@nestjs/common';
import type { RealtimeEvent } from '@foyer/contracts';
import type { Namespace } from 'socket.io';

/** Who a diner socket is, once its table code and capability have been verified. */
export interface DinerIdentity {
  tenantId: string;
  tableId: string;
  /** When the capability expires (ms since the epoch): the socket is dropped then. */
  expiresAt: number;
}

/** Verifies a diner handshake; resolves null when the code or capability is not valid. */
export type DinerAuthenticator = (
  tableCode: string,
  sessionCap: string,
) => Promise<DinerIdentity | null>;

export const staffRoom = (tenantId: string) => `tenant:${tenantId}`;
export const tableRoom = (tableId: string) => `table:${tableId}`;
/** Every `/staff` socket also joins its session's room, so ending a session ends its sockets. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The one way domain code pushes events to browsers. Emitting is fire-and-forget: a
 * realtime failure never fails the request that caused it. With the Redis adapter an
 * emit reaches the room's sockets on every API instance.
 */
@Injectable()
export class Realtime {
  private readonly logger = new Logger('realtime');
  private staff?: Namespace;
  private diner?: Namespace;
  private authenticator?: DinerAuthenticator;

  toStaff(tenantId: string, event: RealtimeEvent, payload: unknown): void {
    this.emit(this.staff, staffRoom(tenantId), event, payload);
  }

  toTable(tableId: string, event: RealtimeEvent, payload: unknown): void {
    this.emit(this.diner, tableRoom(tableId), event, payload);
  }

  /**
   * Ends every diner socket of a table, on every instance: after its code was rotated or
   * its sitting closed, the old diners' capabilities no longer hold.
   */
  disconnectTable(tableId: string): void {
    try {
      this.diner?.in(tableRoom(tableId)).disconnectSockets(true);
    } catch (error) {
      this.logger.warn({
        event: 'realtime_disconnect_failed',
        error: (error as Error).name,
      });
    }
  }

  /**
   * Ends every `/staff` socket of these sessions, on every instance (the Redis adapter fans
   * the request out): a revoked session keeps no live connection.
   */
  disconnectSessions(sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) {
      return;
    }
    try {
      this.staff?.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    } catch (error) {
      this.logger.warn({
        event: 'realtime_disconnect_failed',
        error: (error as Error).name,
      });
    }
  }

  /** How `/diner` handshakes are verified (the orders module registers it). */
  useDinerAuthenticator(authenticator: DinerAuthenticator): void {
    this.authenticator = authenticator;
  }

  /** Null when no authenticator is registered or it fails: the handshake is refused. */
  async authenticateDiner(
    tableCode: string,
    sessionCap: string,
  ): Promise<DinerIdentity | null> {
    if (!this.authenticator) {
      return null;
    }
    try {
      return await this.authenticator(tableCode, sessionCap);
    } catch {
      return null;
    }
  }

  /** Called by the gateways once socket.io has created their namespaces. */
  attach(kind: 'staff' | 'diner', namespace: Namespace): void {
    if (kind === 'staff') {
      this.staff = namespace;
    } else {
      this.diner = namespace;
    }
  }

  private emit(
    namespace: Namespace | undefined,
    room: string,
    event: RealtimeEvent,
    payload: unknown,
  ): void {
    if (!namespace) {
      return;
    }
    try {
      namespace.to(room).emit(event, payload);
    } catch (error) {
      this.logger.warn({
        event: 'realtime_emit_failed',
        name: event,
        error: (error as Error).name,
      });
    }
  }
}
