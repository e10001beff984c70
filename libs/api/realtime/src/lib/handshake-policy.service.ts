import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { clientIp } from '@foyer/api/platform/http';
import { SecurityEvents } from '@foyer/api/platform/logging';
import type { IncomingMessage } from 'node:http';

/** Concurrent connection caps, per API instance. */
export interface RealtimeLimits {
  connectionsPerIp: number;
  connectionsPerUser: number;
}

export const REALTIME_LIMITS = Symbol('REALTIME_LIMITS');
export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  connectionsPerIp: 50,
  connectionsPerUser: 10,
};

const WINDOW_MS = 60_000;

/**
 * Admission of socket.io handshakes, before any credential is read: the Origin must be on
 * CORS_ALLOWLIST when sent, the client IP (derived exactly as Express derives `req.ip`
 * from TRUST_PROXY) must be under WS_HANDSHAKE_RATE_LIMIT_PER_MINUTE (counted in Redis
 * through the HTTP limiter's storage, so instances share it) and under the per-IP cap.
 */
@Injectable()
export class HandshakePolicy {
  private readonly perIp = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(REALTIME_LIMITS) readonly limits: RealtimeLimits,
    private readonly security: SecurityEvents,
    private readonly http: HttpAdapterHost,
  ) {}

  get allowlist(): string[] {
    return [...this.config.CORS_ALLOWLIST];
  }

  /** engine.io's `allowRequest`: called once per new connection, refusals answer 403. */
  allowRequest(
    req: IncomingMessage,
    callback: (error: string | null | undefined, success: boolean) => void,
  ): void {
    const ip = this.clientIp(req);
    const refuse = (reason: string) => {
      this.security.record('ws_refused', { ip }, { reason });
      callback(reason, false);
    };
    const origin = req.headers.origin;
    if (origin !== undefined && !this.config.CORS_ALLOWLIST.includes(origin)) {
      return refuse('origin');
    }
    if ((this.perIp.get(ip) ?? 0) >= this.limits.connectionsPerIp) {
      return refuse('connections');
    }
    this.storage
      .increment(
        `rl:wsHandshake:ip:${ip}`,
        WINDOW_MS,
        this.config.WS_HANDSHAKE_RATE_LIMIT_PER_MINUTE,
        WINDOW_MS,
        'default',
      )
      .then(
        (record) =>
          record.isBlocked ? refuse('rate_limited') : callback(null, true),
        () => refuse('unavailable'),
      );
  }

  /** Counts an open connection against its IP; false (and not counted) when over the cap. */
  open(ip: string): boolean {
    const count = (this.perIp.get(ip) ?? 0) + 1;
    if (count > this.limits.connectionsPerIp) {
      return false;
    }
    this.perIp.set(ip, count);
    return true;
  }

  close(ip: string): void {
    const count = (this.perIp.get(ip) ?? 1) - 1;
    if (count > 0) {
      this.perIp.set(ip, count);
    } else {
      this.perIp.delete(ip);
    }
  }

  /** The client IP as Express computes `req.ip` for this app (TRUST_PROXY), never chosen by X-Forwarded-For alone. */
  clientIp(req: IncomingMessage): string {
    const express = this.http.httpAdapter?.getInstance<{ request?: object }>();
    if (!express?.request) {
      return clientIp({ socket: req.socket });
    }
    const view = Object.create(express.request, {
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as { ip?: string; socket?: { remoteAddress?: string } };
    return clientIp(view);
  }
}
