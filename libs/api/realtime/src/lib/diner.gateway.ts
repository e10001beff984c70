import { Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import { RealtimeNamespace } from '@foyer/contracts';
import { SecurityEvents } from '@foyer/api/platform/logging';
import type { Namespace, Socket } from 'socket.io';
import { HandshakePolicy } from './handshake-policy.service';
import { DinerIdentity, Realtime, tableRoom } from './realtime.service';
import { refuseAll, refuseUnsecured } from './refuse';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const CAPABILITY = /^[A-Za-z0-9._~-]{1,1024}$/;

/**
 * `/diner`: `auth: {tableCode, sessionCap}` verified by the authenticator the orders module
 * registered (none registered: every handshake is refused). The socket joins its own
 * table's room and nothing else; clients cannot join rooms themselves.
 */
@WebSocketGateway({ namespace: RealtimeNamespace.Diner })
export class DinerGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('realtime');

  constructor(
    private readonly realtime: Realtime,
    private readonly policy: HandshakePolicy,
    private readonly security: SecurityEvents,
  ) {}

  afterInit(namespace: Namespace): void {
    if (refuseUnsecured(namespace, this.logger)) {
      return;
    }
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as Record<string, unknown> | undefined;
      const code = auth?.['tableCode'];
      const cap = auth?.['sessionCap'];
      const verified =
        typeof code === 'string' &&
        typeof cap === 'string' &&
        CODE.test(code) &&
        CAPABILITY.test(cap)
          ? this.realtime.authenticateDiner(code, cap)
          : Promise.resolve(null);
      verified.then(
        (identity) => {
          if (!identity) {
            this.security.record(
              'ws_refused',
              { ip: this.policy.clientIp(socket.request) },
              { reason: 'capability' },
            );
            return refuseAll(next);
          }
          (socket.data as DinerIdentity) = {
            tenantId: identity.tenantId,
            tableId: identity.tableId,
            expiresAt: identity.expiresAt,
          };
          next();
        },
        (error: unknown) => {
          // Redis or PostgreSQL unreachable: fail closed, the page retries its connection.
          this.logger.warn(
            { err: error },
            'diner handshake could not be verified',
          );
          refuseAll(next);
        },
      );
    });
    this.realtime.attach('diner', namespace);
  }

  /**
   * Joins the table's room until the capability expires; the diner page renews its
   * capability and reconnects, so a rotated code or closed sitting ends the stream.
   */
  async handleConnection(socket: Socket): Promise<void> {
    const { tableId, expiresAt } = socket.data as DinerIdentity;
    const expiry = setTimeout(
      () => socket.disconnect(true),
      Math.max(0, expiresAt - Date.now()),
    );
    socket.once('disconnect', () => clearTimeout(expiry));
    await socket.join(tableRoom(tableId));
  }
}
