import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ErrorCode, Header } from '@foyer/contracts';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import { DomainError } from '../errors/domain-error';
import { callerScope } from '../http/caller-scope';
import { RouteSurface } from '../http/route-surface';
import { REDIS } from '../redis/redis.module';
import {
  IdempotentReplay,
  PendingRecord,
  StoredResponse,
} from './idempotent-replay';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** A request that dies mid-flight frees its key after this long. */
export const IDEMPOTENCY_LOCK_SECONDS = 60;
const KEY = /^[\x21-\x7e]{1,255}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const GUARDED_SURFACES = new Set<RouteSurface>(['public', 'staff']);
const ACTIVE = Symbol('foyer.idempotency');

interface ActiveKey {
  redisKey: string;
  fingerprint: string;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Idempotency-Key handling exactly as API.md (Conventions) says. Records live 24 h in Redis. */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Every POST, PUT, PATCH and DELETE of a public or staff route (by the route it matched). */
  static applies(method: string, surface: RouteSurface): boolean {
    return MUTATING.has(method) && GUARDED_SURFACES.has(surface);
  }

  /** Claims the key for this request, or throws: missing/invalid key, in use, mismatch, or a replay. */
  async begin(req: Request): Promise<void> {
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) {
      throw new DomainError(
        400,
        ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
        'Send an Idempotency-Key header with this request.',
      );
    }
    const key = Array.isArray(raw) ? raw.join(',') : raw;
    if (!KEY.test(key)) {
      throw new DomainError(
        400,
        ErrorCode.IDEMPOTENCY_KEY_INVALID,
        'The Idempotency-Key must be 1–255 printable ASCII characters.',
      );
    }
    const path = req.originalUrl.split('?')[0];
    const redisKey = `idem:${sha256(`${callerScope(req)}\n${req.method}\n${path}\n${key}`)}`;
    const fingerprint = sha256(
      `${req.method}\n${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`,
    );
    const pending: PendingRecord = { state: 'pending', fingerprint };
    const claimed = await this.redis.set(
      redisKey,
      JSON.stringify(pending),
      'EX',
      IDEMPOTENCY_LOCK_SECONDS,
      'NX',
    );
    if (claimed === 'OK') {
      (req as unknown as Record<symbol, ActiveKey>)[ACTIVE] = {
        redisKey,
        fingerprint,
      };
      return;
    }
    const existing = await this.redis.get(redisKey);
    if (existing === null) {
      // Expired between SET and GET: let the client retry rather than guess.
      throw new DomainError(
        409,
        ErrorCode.IDEMPOTENCY_KEY_IN_USE,
        'This Idempotency-Key is in use; retry shortly.',
      );
    }
    const record = JSON.parse(existing) as PendingRecord | StoredResponse;
    if (record.fingerprint !== fingerprint) {
      throw new DomainError(
        422,
        ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
        'This Idempotency-Key was used with a different request.',
      );
    }
    if (record.state === 'pending') {
      throw new DomainError(
        409,
        ErrorCode.IDEMPOTENCY_KEY_IN_USE,
        'A request with this Idempotency-Key is still running.',
      );
    }
    throw new IdempotentReplay(record);
  }

  /** Stores the final response of a claimed request; 5xx and 429 free the key instead. */
  async complete(
    req: Request,
    status: number,
    body: unknown,
    contentType: string,
  ): Promise<void> {
    const active = (req as unknown as Record<symbol, ActiveKey | undefined>)[
      ACTIVE
    ];
    if (!active) {
      return;
    }
    delete (req as unknown as Record<symbol, ActiveKey | undefined>)[ACTIVE];
    try {
      if (status >= 500 || status === 429) {
        await this.redis.del(active.redisKey);
        return;
      }
      const stored: StoredResponse = {
        state: 'done',
        fingerprint: active.fingerprint,
        status,
        contentType,
        body: body === undefined ? '' : JSON.stringify(body),
      };
      await this.redis.set(
        active.redisKey,
        JSON.stringify(stored),
        'EX',
        IDEMPOTENCY_TTL_SECONDS,
      );
    } catch (error) {
      // The response itself still goes out; a retry then re-runs or meets the lock expiry.
      this.logger.warn(
        { err: error },
        'could not store the idempotent response',
      );
    }
  }

  writeReplay(res: Response, record: StoredResponse): void {
    res.setHeader(Header.IDEMPOTENT_REPLAYED, 'true');
    res.status(record.status);
    if (record.body === '') {
      res.end();
      return;
    }
    res.type(record.contentType).send(record.body);
  }
}
