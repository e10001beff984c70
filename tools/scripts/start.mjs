#!/usr/bin/env node
// @ts-check
// `npm start`: install if needed, write a local .env with fresh secrets on first run,
// prepare roles and database, migrate, seed the demo venue, build, then run the API, the
// worker, the web app and a mail catcher together until Ctrl+C.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildApps,
  checkServices,
  ensureInstalled,
  freshSecrets,
  onExit,
  root,
  run,
  say,
  start,
  stopAll,
  waitFor,
} from './lib.mjs';

const envFile = join(root, '.env');
const ports = { api: 3000, web: 4200, smtp: 1025, mail: 1080 };

function writeLocalEnv() {
  const values = {
    NODE_ENV: 'development',
    PORT: String(ports.api),
    LOG_LEVEL: 'info',
    DATABASE_URL: 'postgres://foyer_app@127.0.0.1:5432/foyer',
    DATABASE_MIGRATION_URL: 'postgres://foyer_owner@127.0.0.1:5432/foyer',
    DATABASE_ADMIN_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
    REDIS_URL: 'redis://127.0.0.1:6379/0',
    ...freshSecrets(),
    CORS_ALLOWLIST: `http://localhost:${ports.web},http://127.0.0.1:${ports.web}`,
    SITE_BASE_URL: `http://localhost:${ports.web}`,
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
    MAIL_FROM: '"Foyer Demo <no-reply@foyer.localhost>"',
    TRUST_PROXY: '0',
    API_DOCS: 'true',
  };
  const body = Object.entries(values)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  writeFileSync(
    envFile,
    `# Written by npm start for local development; not committed.\n${body}\n`,
    { mode: 0o600 },
  );
  say('› wrote .env with fresh local secrets');
}

/** A variable .env (or the environment) must set. */
function required(/** @type {string} */ name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set in ${envFile}`);
  return value;
}

async function main() {
  ensureInstalled();
  if (!existsSync(envFile)) writeLocalEnv();
  process.loadEnvFile(envFile);
  // One short line per request and event; LOG_FORMAT=json in .env shows what production prints.
  process.env.LOG_FORMAT ??= 'pretty';
  Object.assign(process.env, {
    NX_NO_CLOUD: 'true',
    NX_DAEMON: 'false',
    NX_TUI: 'false',
  });
  await checkServices(required('DATABASE_ADMIN_URL'), required('REDIS_URL'));

  say('› database roles, migrations, demo venue');
  const cli = (/** @type {string} */ command) =>
    run(process.execPath, [join(root, 'tools/cli/run.mjs'), command]);
  cli('db:setup');
  cli('migrate');
  cli('demo:seed');

  say('› building api, worker and web (production builds)');
  buildApps();

  onExit(stopAll);
  const mail = start('mail', join(root, 'node_modules/.bin/maildev'), [
    '--smtp',
    String(ports.smtp),
    '--ip',
    '127.0.0.1',
    '--web',
    String(ports.mail),
    '--web-ip',
    '127.0.0.1',
  ]);
  const api = start('api', process.execPath, ['dist/apps/api/main.js']);
  start('worker', process.execPath, ['dist/apps/worker/main.js']);
  const web = start('web', process.execPath, ['tools/scripts/serve-web.mjs'], {
    WEB_PORT: String(ports.web),
    WEB_HOST: '127.0.0.1',
    API_BASE_URL: `http://localhost:${ports.api}`,
  });
  await waitFor(`http://127.0.0.1:${ports.api}/health/ready`, { child: api });
  await waitFor(`http://127.0.0.1:${ports.web}/`, { child: web });
  await waitFor(`http://127.0.0.1:${ports.mail}/api/healthz`, { child: mail });

  say(`
  Foyer is running (Ctrl+C stops everything)

    Web app        http://localhost:${ports.web}
    API            http://localhost:${ports.api}      health: /health/ready   docs: /api/docs
    Mail catcher   http://localhost:${ports.mail}      (every email the worker sends lands here)
    Demo venue     slug "demo" — http://localhost:${ports.api}/api/public/venues/demo

    Click through  booking site  http://localhost:${ports.web}/v/demo  (confirm and ticket links arrive in the mail catcher)
                   staff         http://localhost:${ports.web}/login → door scanner /staff/check-in, orders board /staff/orders
                   diner         the /t/<code> table links printed by the seed above (or staff → Tables)

    Staff logins   <role>@demo.foyer.localhost for owner, admin, manager, host, kitchen, viewer
                   password Curtain-call-at-8pm (demo seed only)
                   e.g. POST /api/auth/login with X-Auth-Mode: bearer for a token pair
`);
}

main().catch(async (error) => {
  process.stderr.write(`\nnpm start failed: ${error.message}\n`);
  await stopAll();
  process.exit(1);
});
