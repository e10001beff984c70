import { z } from 'zod';
import { KeyRing, KeyRingFormatError, parseKeyRing } from './key-ring';

/** Secrets: no defaults anywhere; in production at least 32 bytes and never a placeholder. */
export const SECRET_VARIABLES = [
  'JWT_ACCESS_SECRET',
  'JWT_REFRESH_SECRET',
  'CAPABILITY_KEYS',
  'TOKEN_HASH_KEY',
  'MEDIA_SIGNING_KEY',
] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];
/** Secrets that may list several `kid:secret` keys so they can rotate. */
const KEY_RING_VARIABLES = [
  'JWT_ACCESS_SECRET',
  'JWT_REFRESH_SECRET',
  'CAPABILITY_KEYS',
] as const;
type KeyRingVariable = (typeof KEY_RING_VARIABLES)[number];
const PLAIN_SECRET_VARIABLES = ['TOKEN_HASH_KEY', 'MEDIA_SIGNING_KEY'] as const;

export const MIN_SECRET_BYTES = 32;
const PLACEHOLDER =
  /change[-_ ]?me|placeholder|replace[-_ ]?me|example|^x+$|^(secret|password|changeit)$/i;

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');
const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  /** `pretty`: one short coloured line per request and event, for `npm start` only. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  DATABASE_URL: z.string().url(),
  DATABASE_POOL_SIZE: positiveInt(10),
  REDIS_URL: z.string().url(),
  /** Namespaces every Redis key (rate limits, idempotency, queues) so deployments can share a server. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('foyer:'),
  JWT_ACCESS_SECRET: z.string().min(1),
  JWT_REFRESH_SECRET: z.string().min(1),
  CAPABILITY_KEYS: z.string().min(1),
  TOKEN_HASH_KEY: z.string().min(1),
  MEDIA_SIGNING_KEY: z.string().min(1),
  CORS_ALLOWLIST: list,
  SITE_BASE_URL: z.string().url().default('http://localhost:4200'),
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Foyer <no-reply@foyer.localhost>'),
  LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt(60),
  PUBLIC_READ_RATE_LIMIT_PER_MINUTE: positiveInt(300),
  BOOKING_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: positiveInt(60),
  STAFF_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  WS_HANDSHAKE_RATE_LIMIT_PER_MINUTE: positiveInt(120),
  CONFIRMATION_TOKEN_TTL_MINUTES: positiveInt(1440),
  TRUST_PROXY: z.string().default('0'),
  METRICS_ALLOW: list.default(['127.0.0.1', '::1']),
  API_DOCS: booleanFlag.optional(),
  MEDIA_STORAGE_DIR: z.string().default('.var/media'),
});

export type RawConfig = z.infer<typeof schema>;

/** Every variable the configuration reads (DATABASE_ADMIN_URL and DATABASE_MIGRATION_URL belong to the CLI). */
export const CONFIG_VARIABLES = Object.keys(
  schema.shape,
) as (keyof RawConfig)[];

export interface AppConfig extends Omit<
  RawConfig,
  'TRUST_PROXY' | 'API_DOCS' | SecretVariable
> {
  isProduction: boolean;
  /** Express `trust proxy` value: a hop count or a list of proxy addresses, never `true`. */
  TRUST_PROXY: number | string[];
  API_DOCS: boolean;
  JWT_ACCESS_SECRET: KeyRing;
  JWT_REFRESH_SECRET: KeyRing;
  CAPABILITY_KEYS: KeyRing;
  TOKEN_HASH_KEY: string;
  MEDIA_SIGNING_KEY: string;
}

/** Thrown at boot; its message names variables, never their values. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(raw: string): number | string[] {
  const value = raw.trim();
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  if (/^(true|false|\*)$/i.test(value) || value === '') {
    throw new Error(
      'must be a hop count or a comma-separated list of proxy addresses (never "true")',
    );
  }
  const proxies = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  // A zero-length prefix is every address: the client would choose its own IP.
  if (proxies.some((item) => /\/0+$/.test(item))) {
    throw new Error('must not trust every address (no /0 range)');
  }
  return proxies;
}

/** Production secrets: one value serves one purpose, so one leak cannot forge another kind. */
function reusedSecrets(
  secrets: readonly (readonly [name: string, values: readonly string[]])[],
): string[] {
  const seen = new Map<string, string>();
  const problems = new Set<string>();
  for (const [name, values] of secrets) {
    for (const value of values) {
      const first = seen.get(value);
      if (first === undefined) {
        seen.set(value, name);
      } else {
        problems.add(
          first === name
            ? `${name} lists the same key twice`
            : `${name} reuses the value of ${first}`,
        );
      }
    }
  }
  return [...problems];
}

/** Production: links in emails and the SPA's origins travel over TLS only. */
function plainHttpProblems(raw: RawConfig): string[] {
  const problems: string[] = [];
  if (!raw.SITE_BASE_URL.startsWith('https://')) {
    problems.push('SITE_BASE_URL must be https in production');
  }
  if (raw.CORS_ALLOWLIST.some((origin) => !origin.startsWith('https://'))) {
    problems.push('CORS_ALLOWLIST origins must be https in production');
  }
  return problems;
}

function ringSecrets(raw: string): string[] {
  try {
    return [...parseKeyRing(raw).keys.values()];
  } catch {
    return [raw];
  }
}

function secretProblems(
  name: string,
  secrets: string[],
  production: boolean,
): string[] {
  if (!production) {
    return [];
  }
  const problems: string[] = [];
  for (const secret of secrets) {
    if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
      problems.push(`${name} is shorter than ${MIN_SECRET_BYTES} bytes`);
    } else if (PLACEHOLDER.test(secret)) {
      problems.push(`${name} is a placeholder value`);
    }
  }
  return [...new Set(problems)];
}

/**
 * The built entry points (API, worker, CLI) call this first: an unset NODE_ENV means
 * production, so a deployment that forgets it gets production's checks, not development's
 * leniency. `npm start` and the test suites set it explicitly.
 */
export function productionUnlessSet(
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!env['NODE_ENV']) {
    env['NODE_ENV'] = 'production';
  }
}

/** Validates the environment once, at boot. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const missing = issue.code === 'invalid_type' && env[name] === undefined;
      return missing
        ? `${name} is required`
        : `${name} is invalid (${issue.message})`;
    });
    // Report weak secrets in the same pass, so one restart shows every problem.
    if (env['NODE_ENV'] === 'production') {
      for (const name of SECRET_VARIABLES) {
        const value = env[name];
        if (value) {
          const secrets = (KEY_RING_VARIABLES as readonly string[]).includes(
            name,
          )
            ? ringSecrets(value)
            : [value];
          problems.push(...secretProblems(name, secrets, true));
        }
      }
    }
    throw new ConfigError(problems);
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === 'production';
  const problems: string[] = [];
  const rings: Partial<Record<KeyRingVariable, KeyRing>> = {};
  for (const name of KEY_RING_VARIABLES) {
    try {
      const ring = parseKeyRing(raw[name]);
      rings[name] = ring;
      problems.push(
        ...secretProblems(name, [...ring.keys.values()], production),
      );
    } catch (error) {
      problems.push(
        `${name} ${error instanceof KeyRingFormatError ? error.message : 'is invalid'}`,
      );
    }
  }
  for (const name of PLAIN_SECRET_VARIABLES) {
    problems.push(...secretProblems(name, [raw[name]], production));
  }
  if (production) {
    problems.push(
      ...reusedSecrets([
        ...KEY_RING_VARIABLES.map(
          (name) => [name, [...(rings[name]?.keys.values() ?? [])]] as const,
        ),
        ...PLAIN_SECRET_VARIABLES.map((name) => [name, [raw[name]]] as const),
      ]),
      ...plainHttpProblems(raw),
    );
  }
  if (production && raw.LOG_FORMAT === 'pretty') {
    // Log shippers parse JSON lines; pino-pretty is not installed in the image either.
    problems.push(
      'LOG_FORMAT=pretty is for development; production logs are JSON',
    );
  }
  let trustProxy: number | string[] = 0;
  try {
    trustProxy = parseTrustProxy(raw.TRUST_PROXY);
  } catch (error) {
    problems.push(`TRUST_PROXY ${(error as Error).message}`);
  }
  for (const origin of raw.CORS_ALLOWLIST) {
    if (
      origin === '*' ||
      origin === 'null' ||
      !/^https?:\/\/[^/]+$/.test(origin)
    ) {
      problems.push(
        'CORS_ALLOWLIST must list exact origins (scheme://host[:port]); no wildcard, no "null"',
      );
      break;
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return {
    ...raw,
    isProduction: production,
    TRUST_PROXY: trustProxy,
    API_DOCS: raw.API_DOCS ?? !production,
    JWT_ACCESS_SECRET: rings.JWT_ACCESS_SECRET as KeyRing,
    JWT_REFRESH_SECRET: rings.JWT_REFRESH_SECRET as KeyRing,
    CAPABILITY_KEYS: rings.CAPABILITY_KEYS as KeyRing,
    TOKEN_HASH_KEY: raw.TOKEN_HASH_KEY,
    MEDIA_SIGNING_KEY: raw.MEDIA_SIGNING_KEY,
  };
}
