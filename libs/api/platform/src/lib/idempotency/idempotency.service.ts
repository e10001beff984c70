import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ErrorCode, Header } from '@foyer/contracts';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { IdempotencySeal, RecordKeys } from '../crypto/idempotency-seal';
import { requestTenant } from '../database/request-tenant.interceptor';
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

const mismatch = () =>
  new DomainError(
    ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
    'This Idempotency-Key was used with a different request.',
  );
const inUse = (detail: string) =>
  new DomainError(ErrorCode.IDEMPOTENCY_KEY_IN_USE, detail);

interface ActiveKey {
  redisKey: string;
  keys: RecordKeys;
  fingerprint: string;
}

type StoredRecord = PendingRecord | StoredResponse;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Idempotency-Key handling as docs/architecture.md (HTTP conventions) says. Records live 24 h in
 * Redis, sealed (see IdempotencySeal): named by a keyed hash of the key, the response
 * encrypted under a key derived from TOKEN_HASH_KEY and the caller's Idempotency-Key, the
 * request fingerprint a keyed hash. A staff record is scoped by tenant as well as user.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');
  private readonly seal: IdempotencySeal;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.seal = new IdempotencySeal(config.TOKEN_HASH_KEY);
  }

  /** Every POST, PUT, PATCH and DELETE of a public or staff route (by the route it matched). */
  static applies(method: string, surface: RouteSurface): boolean {
    return MUTATING.has(method) && GUARDED_SURFACES.has(surface);
  }

  /** Claims the key for this request, or throws: missing/invalid key, in use, mismatch, or a replay. */
  async begin(req: Request): Promise<void> {
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
        'Send an Idempotency-Key header with this request.',
      );
    }
    const key = Array.isArray(raw) ? raw.join(',') : raw;
    if (!KEY.test(key)) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_INVALID,
        'The Idempotency-Key must be 1–255 printable ASCII characters.',
      );
    }
    const path = req.originalUrl.split('?')[0];
    const tenant = requestTenant(req);
    const scope = [
      tenant === undefined ? '-' : `t:${tenant}`,
      callerScope(req),
      req.method,
      path,
    ].join('\n');
    const keys = this.seal.keys(scope, key);
    const redisKey = `idem:v1:${keys.id}`;
    const request = `${req.method}\n${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`;
    const fingerprint = this.seal.fingerprint(keys, request);
    const pending: PendingRecord = { state: 'pending', fingerprint };
    const claimed = await this.redis.set(
      redisKey,
      this.seal.seal(keys, JSON.stringify(pending)),
      'EX',
      IDEMPOTENCY_LOCK_SECONDS,
      'NX',
    );
    if (claimed === 'OK') {
      await this.refuseLegacy(req, key, path, request, tenant, redisKey);
      (req as unknown as Record<symbol, ActiveKey>)[ACTIVE] = {
        redisKey,
        keys,
        fingerprint,
      };
      return;
    }
    const existing = await this.redis.get(redisKey);
    if (existing === null) {
      // Expired between SET and GET: let the client retry rather than guess.
      throw inUse('This Idempotency-Key is in use; retry shortly.');
    }
    let record: StoredRecord;
    try {
      record = JSON.parse(this.seal.open(keys, existing)) as StoredRecord;
    } catch {
      // Only this server's secret and this very key and scope can have written a record
      // under this name, so one that does not open was tampered with or corrupted. We
      // cannot tell whether the first request completed, so treating it as absent could
      // run the mutation twice: refuse instead (409, never overwritten; it expires).
      this.logger.warn('an idempotency record failed to open');
      throw inUse('This Idempotency-Key is in use; retry shortly.');
    }
    this.answerExisting(record, fingerprint);
  }

  private answerExisting(record: StoredRecord, fingerprint: string): never {
    if (record.fingerprint !== fingerprint) {
      throw mismatch();
    }
    if (record.state === 'pending') {
      throw inUse('A request with this Idempotency-Key is still running.');
    }
    throw new IdempotentReplay(record);
  }

  /**
   * Rolling deploy: instances from before sealing named records by an unkeyed hash of
   * caller, method, path and key (no tenant) and stored them in plaintext, for up to 24 h.
   * Ignoring such a record would run a retry that straddles the deploy a second time, so
   * it still answers: 422 for another request, 409 while running. A finished one is
   * replayed for public and diner callers (the same caller, route and body, exactly what
   * the old instance answers); a staff one (tenant-scoped) gets 409, since its name
   * carries no tenant and replaying it could hand over another tenant's response.
   * Nothing is ever written under the old name. Remove one release after the rollout.
   */
  private async refuseLegacy(
    req: Request,
    key: string,
    path: string,
    request: string,
    tenant: string | undefined,
    redisKey: string,
  ): Promise<void> {
    const old = await this.redis.get(
      `idem:${sha256(`${callerScope(req)}\n${req.method}\n${path}\n${key}`)}`,
    );
    if (old === null) {
      return;
    }
    await this.redis.del(redisKey);
    let record: StoredRecord;
    try {
      record = JSON.parse(old) as StoredRecord;
    } catch {
      throw inUse('This Idempotency-Key is in use; retry shortly.');
    }
    if (record.fingerprint !== sha256(request)) {
      throw mismatch();
    }
    if (record.state === 'done' && tenant !== undefined) {
      throw inUse('This Idempotency-Key is in use; retry later.');
    }
    this.answerExisting(record, record.fingerprint);
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
        this.seal.seal(active.keys, JSON.stringify(stored)),
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
