import { CanActivate, INestApplication, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformModule } from '@foyer/api/platform';
import {
  APP_CONFIG,
  AppConfig,
  CONFIG_VARIABLES,
} from '@foyer/api/platform/config';
import { configureApp, requestPipeline } from '@foyer/api/platform/http';
import { randomBytes } from 'node:crypto';
import { TestDatabase } from './test-database';

const secret = () => randomBytes(40).toString('base64url');

/** A complete environment for one test file: its own database, its own Redis key prefix, fresh keys. */
export function testEnvironment(
  db: TestDatabase,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.runtimeUrl,
    DATABASE_MIGRATION_URL: db.ownerUrl,
    DATABASE_POOL_SIZE: '10',
    REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0',
    REDIS_KEY_PREFIX: `test:${db.name}:`,
    JWT_ACCESS_SECRET: `k1:${secret()}`,
    JWT_REFRESH_SECRET: `r1:${secret()}`,
    CAPABILITY_KEYS: `c1:${secret()}`,
    TOKEN_HASH_KEY: secret(),
    MEDIA_SIGNING_KEY: secret(),
    CORS_ALLOWLIST: 'http://localhost:4200',
    SITE_BASE_URL: 'http://localhost:4200',
    ...overrides,
  };
}

/**
 * Replaces the configuration in process.env with the test environment. Variables from a
 * developer's .env (which Nx loads into tasks) are removed first, so defaults hold.
 */
export function applyTestEnvironment(
  db: TestDatabase,
  overrides: Record<string, string> = {},
): void {
  for (const name of CONFIG_VARIABLES) {
    delete process.env[name];
  }
  Object.assign(process.env, testEnvironment(db, overrides));
}

export interface TestAppOptions {
  imports?: Type<unknown>[];
  controllers?: Type<unknown>[];
  providers?: Provider[];
  authenticate?: Type<CanActivate>[];
  authorize?: Type<CanActivate>[];
  env?: Record<string, string>;
  /** Runs before init, e.g. to install the socket.io adapter as main.ts does. */
  beforeInit?: (app: INestApplication) => void;
}

/**
 * Builds an app the way the API does (platform, request pipeline, configureApp) around the
 * modules under test. The environment is applied to process.env before config loads.
 */
export async function createTestApp(
  db: TestDatabase,
  options: TestAppOptions = {},
): Promise<INestApplication> {
  applyTestEnvironment(db, options.env);
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule, ...(options.imports ?? [])],
    controllers: options.controllers ?? [],
    providers: [
      ...(options.providers ?? []),
      ...requestPipeline({
        authenticate: options.authenticate,
        authorize: options.authorize,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureApp(app, app.get<AppConfig>(APP_CONFIG));
  options.beforeInit?.(app);
  await app.init();
  return app;
}
