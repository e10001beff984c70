import { Inject, Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import { RealtimeNamespace } from '@foyer/contracts';
import { AuthTokens, Sessions, cookieNames, isCurrent } from '@foyer/api/auth';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { SecurityEvents } from '@foyer/api/platform/logging';
import type { Namespace, Socket } from 'socket.io';
import { HandshakePolicy } from './handshake-policy.service';
import { Realtime, sessionRoom, staffRoom } from './realtime.service';
import { refuseAll, refuseUnsecured } from './refuse';

interface StaffSocketData {
  userId: string;
  tenantId: string;
  sessionId: string;
  expiresAt: number;
}

/** The access token from `auth.token`, else from the access cookie. */
function accessToken(socket: Socket, cookieName: string): string | undefined {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  if (typeof auth?.['token'] === 'string') {
    return auth['token'];
  }
  const header = socket.handshake.headers.cookie;
  for (const part of typeof header === 'string' ? header.split(';') : []) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === cookieName) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * `/staff`: the access JWT is verified as HTTP verifies it (AuthTokens: HS256, issuer,
 * audience and `kid` pinned; then the session must be open, the membership enabled and
 * the session not started before tokensValidAfter). The socket joins only its token's
 * tenant room and its session's room (ending the session ends the socket, on every
 * instance), is capped per user, and is dropped when the token expires (the client reconnects
 * with a fresh one).
 */
@WebSocketGateway({ namespace: RealtimeNamespace.Staff })
export class StaffGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('realtime');
  private readonly perUser = new Map<string, number>();

  constructor(
    private readonly realtime: Realtime,
    private readonly policy: HandshakePolicy,
    private readonly tokens: AuthTokens,
    private readonly sessions: Sessions,
    private readonly context: TenantContext,
    private readonly security: SecurityEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    if (refuseUnsecured(namespace, this.logger)) {
      return;
    }
    const cookie = cookieNames(this.config.isProduction).access;
    namespace.use((socket, next) => {
      this.authenticate(accessToken(socket, cookie)).then(
        (identity) => {
          if (!identity) {
            this.security.record(
              'ws_refused',
              { ip: this.policy.clientIp(socket.request) },
              { reason: 'auth' },
            );
            return refuseAll(next);
          }
          (socket.data as StaffSocketData) = identity;
          next();
        },
        () => refuseAll(next),
      );
    });
    this.realtime.attach('staff', namespace);
    // A revoked session (logout, logout-all, password change, a membership disabled,
    // removed or its role changed, refresh reuse) closes its sockets on every instance.
    this.sessions.onRevoked((sessionIds) =>
      this.realtime.disconnectSessions(sessionIds),
    );
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { userId, tenantId, sessionId, expiresAt } =
      socket.data as StaffSocketData;
    const count = (this.perUser.get(userId) ?? 0) + 1;
    this.perUser.set(userId, count);
    const expiry = setTimeout(
      () => socket.disconnect(true),
      Math.max(0, expiresAt - Date.now()),
    );
    // Registered before any disconnect below, so every count taken is given back.
    socket.once('disconnect', () => {
      clearTimeout(expiry);
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) {
        this.perUser.set(userId, left);
      } else {
        this.perUser.delete(userId);
      }
    });
    if (count > this.policy.limits.connectionsPerUser) {
      this.security.record(
        'ws_refused',
        { ip: this.policy.clientIp(socket.request) },
        { reason: 'user_connections' },
      );
      socket.disconnect(true);
      return;
    }
    await socket.join([staffRoom(tenantId), sessionRoom(sessionId)]);
    // A revocation that committed between the handshake's check and this join announced
    // itself before the socket was in its session's room: look once more, now that it is.
    if (!(await this.stillCurrent(sessionId, userId, tenantId))) {
      socket.disconnect(true);
    }
  }

  private async stillCurrent(
    sessionId: string,
    userId: string,
    tenantId: string,
  ): Promise<boolean> {
    try {
      const state = await this.context.run(tenantId, () =>
        this.sessions.state(sessionId, userId),
      );
      return Boolean(state && isCurrent(state));
    } catch {
      return false;
    }
  }

  private async authenticate(
    token: string | undefined,
  ): Promise<StaffSocketData | null> {
    const claims = token ? this.tokens.verifyAccess(token) : null;
    if (!claims) {
      return null;
    }
    const state = await this.context.run(claims.tid, () =>
      this.sessions.state(claims.sid, claims.sub),
    );
    if (!state || !isCurrent(state)) {
      return null;
    }
    return {
      userId: claims.sub,
      tenantId: claims.tid,
      sessionId: claims.sid,
      expiresAt: claims.exp * 1000,
    };
  }
}
