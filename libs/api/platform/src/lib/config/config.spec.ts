import { ConfigError, loadConfig } from './config.schema';
import { parseKeyRing } from './key-ring';

const strong = (label: string) => `${label}-${'s3cr3t-value-'.repeat(3)}`;

function env(
  overrides: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://foyer_app@127.0.0.1:5432/foyer',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_ACCESS_SECRET: strong('access'),
    JWT_REFRESH_SECRET: strong('refresh'),
    CAPABILITY_KEYS: `c2:${strong('cap-new')},c1:${strong('cap-old')}`,
    TOKEN_HASH_KEY: strong('hash'),
    MEDIA_SIGNING_KEY: strong('media'),
    CORS_ALLOWLIST: 'https://foyer.example',
    SITE_BASE_URL: 'https://foyer.example',
    ...overrides,
  };
}

function problemsOf(overrides: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('accepts a complete production environment and types its values', () => {
    const config = loadConfig(env({ TRUST_PROXY: '1', PORT: '3100' }));
    expect(config.isProduction).toBe(true);
    expect(config.PORT).toBe(3100);
    expect(config.TRUST_PROXY).toBe(1);
    expect(config.API_DOCS).toBe(false);
    expect(config.CAPABILITY_KEYS.current.kid).toBe('c2');
    expect([...config.CAPABILITY_KEYS.keys.keys()]).toEqual(['c2', 'c1']);
    expect(config.LOGIN_RATE_LIMIT_PER_MINUTE).toBe(60);
  });

  it.each([
    'JWT_ACCESS_SECRET',
    'JWT_REFRESH_SECRET',
    'CAPABILITY_KEYS',
    'TOKEN_HASH_KEY',
    'MEDIA_SIGNING_KEY',
  ])('refuses a missing %s, naming it', (name) => {
    expect(problemsOf({ [name]: undefined })).toContain(`${name} is required`);
  });

  it('refuses short and placeholder secrets in production without echoing them', () => {
    const short = 'tooshort';
    const placeholder = 'CHANGE_ME_to_a_random_value_of_32_bytes_or_more';
    const problems = problemsOf({
      JWT_ACCESS_SECRET: short,
      TOKEN_HASH_KEY: placeholder,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'JWT_ACCESS_SECRET is shorter than 32 bytes',
        'TOKEN_HASH_KEY is a placeholder value',
      ]),
    );
    const message = problems.join('\n');
    expect(message).not.toContain(short);
    expect(message).not.toContain(placeholder);
  });

  it('refuses one secret serving two purposes, without echoing it', () => {
    const shared = strong('shared');
    const problems = problemsOf({
      TOKEN_HASH_KEY: shared,
      MEDIA_SIGNING_KEY: shared,
    });
    expect(problems).toEqual([
      'MEDIA_SIGNING_KEY reuses the value of TOKEN_HASH_KEY',
    ]);
    // A ring's old key that is another variable's secret is reuse too.
    expect(
      problemsOf({
        JWT_REFRESH_SECRET: `r2:${strong('refresh-new')},r1:${strong('access')}`,
      }),
    ).toEqual(['JWT_REFRESH_SECRET reuses the value of JWT_ACCESS_SECRET']);
    expect(problems.join('\n')).not.toContain(shared);
  });

  it.each(['0.0.0.0/0', '10.0.0.1,::/0', '::/00'])(
    'refuses a TRUST_PROXY that trusts every address (%s)',
    (value) => {
      expect(problemsOf({ TRUST_PROXY: value })).toEqual([
        'TRUST_PROXY must not trust every address (no /0 range)',
      ]);
    },
  );

  it('refuses plain http links and origins in production, allows them in development', () => {
    expect(
      problemsOf({
        SITE_BASE_URL: 'http://foyer.example',
        CORS_ALLOWLIST: 'https://foyer.example,http://admin.foyer.example',
      }),
    ).toEqual([
      'SITE_BASE_URL must be https in production',
      'CORS_ALLOWLIST origins must be https in production',
    ]);
    expect(problemsOf({ SITE_BASE_URL: undefined })).toEqual([
      'SITE_BASE_URL must be https in production',
    ]);
    expect(
      loadConfig(
        env({
          NODE_ENV: 'development',
          SITE_BASE_URL: 'http://localhost:4200',
          CORS_ALLOWLIST: 'http://localhost:4200',
        }),
      ).SITE_BASE_URL,
    ).toBe('http://localhost:4200');
  });

  it('checks every key of a key ring', () => {
    expect(
      problemsOf({ CAPABILITY_KEYS: `c2:${strong('x')},c1:short` }),
    ).toContain('CAPABILITY_KEYS is shorter than 32 bytes');
  });

  it('lets development run with short local secrets but never without them', () => {
    expect(() =>
      loadConfig(env({ NODE_ENV: 'development', JWT_ACCESS_SECRET: 'dev' })),
    ).not.toThrow();
    expect(() =>
      loadConfig(
        env({ NODE_ENV: 'development', JWT_ACCESS_SECRET: undefined }),
      ),
    ).toThrow(ConfigError);
  });

  it.each(['true', '*', ''])(
    'refuses TRUST_PROXY=%j (trusting every hop)',
    (value) => {
      expect(problemsOf({ TRUST_PROXY: value }).join()).toContain(
        'TRUST_PROXY',
      );
    },
  );

  it.each(['*', 'null', 'https://ok.example,*', 'foyer.example'])(
    'refuses CORS_ALLOWLIST=%j',
    (value) => {
      expect(problemsOf({ CORS_ALLOWLIST: value }).join()).toContain(
        'CORS_ALLOWLIST',
      );
    },
  );

  it('keeps production logs JSON and lets development print them pretty', () => {
    expect(loadConfig(env()).LOG_FORMAT).toBe('json');
    expect(problemsOf({ LOG_FORMAT: 'pretty' })).toEqual([
      'LOG_FORMAT=pretty is for development; production logs are JSON',
    ]);
    expect(
      loadConfig(env({ NODE_ENV: 'development', LOG_FORMAT: 'pretty' }))
        .LOG_FORMAT,
    ).toBe('pretty');
  });

  it('accepts a list of proxy addresses', () => {
    expect(
      loadConfig(env({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' })).TRUST_PROXY,
    ).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});

describe('parseKeyRing', () => {
  it('gives a single secret the kid k1', () => {
    const ring = parseKeyRing('just-one-secret');
    expect(ring.current).toEqual({ kid: 'k1', secret: 'just-one-secret' });
  });

  it('signs with the first key and verifies with all', () => {
    const ring = parseKeyRing('new:aaa,old:bbb');
    expect(ring.current.kid).toBe('new');
    expect(ring.keys.get('old')).toBe('bbb');
  });

  it.each(['a:x,bad kid:y', 'a:x,a:y', 'a:x,:y', 'waytoolongkidname0:x,b:y'])(
    'refuses %j',
    (raw) => {
      expect(() => parseKeyRing(raw)).toThrow();
    },
  );
});
