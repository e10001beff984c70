#!/usr/bin/env node
// @ts-check
// `npm run foyer -- <command>`: runs the operating CLI from source (production images run
// the built dist/apps/api/cli.js instead). Reads .env when present; the environment wins.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const envFile = join(root, '.env');
if (existsSync(envFile) && !process.env.FOYER_SKIP_DOTENV) {
  const current = { ...process.env };
  process.loadEnvFile(envFile);
  Object.assign(process.env, current);
}
const result = spawnSync(
  process.execPath,
  [
    '-r',
    '@swc-node/register',
    join(root, 'apps/api/src/cli.ts'),
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(root, 'apps/api/tsconfig.app.json'),
    },
  },
);
process.exit(result.status ?? 1);
