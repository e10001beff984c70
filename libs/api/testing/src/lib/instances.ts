import type { INestApplication } from '@nestjs/common';
import { TestAppOptions, createTestApp, testEnvironment } from './test-app';
import { TestDatabase } from './test-database';

/**
 * `count` API instances as a load balancer sees them: one database, one Redis key prefix
 * and one set of secrets (JWT keys, TOKEN_HASH_KEY, …), so a token issued by one is
 * accepted by the other and their rate limits, lockouts and idempotency records are shared.
 * Only process memory (caches, in-flight state) is their own. `options.env` applies to all.
 * Each listens on its own loopback port from the start, so a burst meets servers already
 * accepting connections (supertest then leaves them open between requests).
 */
export async function createTestApps(
  db: TestDatabase,
  count: number,
  options: TestAppOptions = {},
  /**
   * Settings of one instance only (a tighter limit, its own Redis prefix). The secrets
   * stay shared whatever it says: Passport keeps one strategy per process, so instances
   * with different JWT keys would refuse each other's tokens.
   */
  instanceEnv: (index: number) => Record<string, string> = () => ({}),
): Promise<INestApplication[]> {
  const env = testEnvironment(db, options.env);
  const apps: INestApplication[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const app = await createTestApp(db, {
        ...options,
        env: { ...env, ...instanceEnv(i), ...sharedSecrets(env) },
      });
      apps.push(app);
      await app.listen(0, '127.0.0.1');
    }
  } catch (error) {
    await Promise.all(apps.map((app) => app.close()));
    throw error;
  }
  return apps;
}

/** Anything that answers like a supertest request: built lazily, sent when awaited. */
export type Sendable<T> = PromiseLike<T>;

/**
 * Sends `n` requests at once, the i-th to `apps[i % apps.length]`: every request is built
 * first, then all are started in one synchronous loop, so none waits for another's answer.
 * The answers come back in request order.
 */
export async function burst<T>(
  apps: readonly INestApplication[],
  n: number,
  build: (app: INestApplication, i: number) => Sendable<T>,
): Promise<T[]> {
  if (apps.length === 0) {
    throw new Error('burst needs at least one app');
  }
  const requests = Array.from({ length: n }, (_, i) =>
    build(apps[i % apps.length], i),
  );
  return Promise.all(requests.map((req) => Promise.resolve(req)));
}

/** Answers counted by `status CODE` (the problem code when there is one), e.g. `{'200': 1, '401 REFRESH_REUSED': 39}`. */
export function tally(
  responses: readonly {
    status: number;
    body?: { code?: unknown } | null;
    headers?: Record<string, unknown>;
  }[],
): Record<string, number> {
  const count: Record<string, number> = {};
  for (const res of responses) {
    const code =
      res.body && typeof res.body === 'object' && 'code' in res.body
        ? String(res.body.code ?? '')
        : '';
    const key = `${res.status} ${code}`.trim();
    count[key] = (count[key] ?? 0) + 1;
  }
  return count;
}

const SECRETS = [
  'JWT_ACCESS_SECRET',
  'JWT_REFRESH_SECRET',
  'CAPABILITY_KEYS',
  'TOKEN_HASH_KEY',
  'MEDIA_SIGNING_KEY',
] as const;

function sharedSecrets(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(SECRETS.map((name) => [name, env[name]]));
}
