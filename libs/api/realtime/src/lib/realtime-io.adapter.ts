import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import Redis from 'ioredis';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { HandshakePolicy } from './handshake-policy.service';

const secured = new WeakSet<Server>();

/** The part of an engine.io socket the per-IP cap uses. */
interface EngineSocket {
  request: IncomingMessage;
  close(): void;
  once(event: 'close', listener: () => void): void;
}

/** True for a server built by RealtimeIoAdapter; the gateways refuse every socket on any other. */
export function isSecured(server: Server): boolean {
  return secured.has(server);
}

/**
 * socket.io for the API: the default path `/socket.io`, CORS and `allowRequest` from
 * HandshakePolicy, small message limits, per-IP connection caps, and the Redis adapter
 * (one publisher and one subscriber connection per process) so every API instance
 * delivers every room's events. Install before `init()`/`listen()`:
 * `app.useWebSocketAdapter(new RealtimeIoAdapter(app))`.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('realtime');
  private readonly clients: Redis[] = [];

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const policy = this.app.get(HandshakePolicy);
    const config = this.app.get<AppConfig>(APP_CONFIG);
    const server: Server = super.createIOServer(port, {
      ...options,
      serveClient: false,
      cors: {
        origin: policy.allowlist,
        credentials: true,
        methods: ['GET', 'POST'],
      },
      allowRequest: (
        req: IncomingMessage,
        callback: (error: string | null | undefined, ok: boolean) => void,
      ) => policy.allowRequest(req, callback),
      maxHttpBufferSize: 16 * 1024,
      connectTimeout: 10_000,
    });
    server.engine.on('connection', (socket: EngineSocket) => {
      const ip = policy.clientIp(socket.request);
      if (!policy.open(ip)) {
        socket.close();
        return;
      }
      socket.once('close', () => policy.close(ip));
    });
    const pub = new Redis(config.REDIS_URL, {
      connectionName: 'foyer:realtime-pub',
      maxRetriesPerRequest: 2,
    });
    const sub = pub.duplicate({ connectionName: 'foyer:realtime-sub' });
    for (const client of [pub, sub]) {
      client.on('error', (error: Error) =>
        this.logger.warn({ event: 'realtime_redis_error', error: error.name }),
      );
      this.clients.push(client);
    }
    server.adapter(
      createAdapter(pub, sub, { key: `${config.REDIS_KEY_PREFIX}socket.io` }),
    );
    secured.add(server);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(
      this.clients
        .splice(0)
        .map((client) => client.quit().catch(() => client.disconnect())),
    );
  }
}
