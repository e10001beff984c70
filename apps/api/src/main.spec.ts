import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Starts an entry point from source the way a deployment would, and returns how it ended. */
function boot(entry: string, env: Record<string, string | undefined>) {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(root, entry)],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env['PATH'],
        SWC_NODE_PROJECT: join(root, 'apps/api/tsconfig.app.json'),
        ...env,
      },
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const strong = (label: string) => `${label}-${'0123456789abcdef'.repeat(3)}`;
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://foyer_app@127.0.0.1:1/nowhere',
  REDIS_URL: 'redis://127.0.0.1:1/0',
  JWT_ACCESS_SECRET: strong('access'),
  JWT_REFRESH_SECRET: strong('refresh'),
  CAPABILITY_KEYS: strong('capability'),
  TOKEN_HASH_KEY: strong('hash'),
  MEDIA_SIGNING_KEY: strong('media'),
  CORS_ALLOWLIST: 'https://foyer.example',
};

describe.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])(
  '%s in production',
  (entry) => {
    it('refuses to start on a placeholder, short or missing secret, naming it but not its value', () => {
      const placeholder = 'CHANGE_ME_random_secret_of_at_least_32_bytes';
      const { status, output } = boot(entry, {
        ...production,
        TOKEN_HASH_KEY: placeholder,
        MEDIA_SIGNING_KEY: 'short',
        JWT_REFRESH_SECRET: undefined,
      });
      expect(status).toBe(1);
      expect(output).toContain('TOKEN_HASH_KEY is a placeholder value');
      expect(output).toContain('MEDIA_SIGNING_KEY is shorter than 32 bytes');
      expect(output).toContain('JWT_REFRESH_SECRET is required');
      expect(output).not.toContain(placeholder);
      expect(output).not.toContain(production.JWT_ACCESS_SECRET);
      expect(output).not.toMatch(/\n\s+at /);
    });

    it('treats an unset NODE_ENV as production', () => {
      const { status, output } = boot(entry, {
        ...production,
        NODE_ENV: undefined,
        MEDIA_SIGNING_KEY: 'short',
      });
      expect(status).toBe(1);
      expect(output).toContain('MEDIA_SIGNING_KEY is shorter than 32 bytes');
      expect(output).toContain('SITE_BASE_URL must be https in production');
    });
  },
);
