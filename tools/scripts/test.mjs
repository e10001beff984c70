#!/usr/bin/env node
// @ts-check
// `npm test`: install if needed, then every project's lint, type check, unit tests,
// integration tests and build through Nx (unit specs need no services; integration specs
// make their own databases from a migrated template and use the real Redis), then the API and
// browser end-to-end suites against the production builds on a fresh database, then the
// benchmark smoke run (`npm run bench -- --smoke`: correctness of every scenario, small sizes).
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  buildApps,
  checkServices,
  ensureInstalled,
  freePort,
  freshSecrets,
  onExit,
  root,
  run,
  say,
  start,
  stopAll,
  waitFor,
} from './lib.mjs';

const adminUrl =
  process.env.TEST_DATABASE_ADMIN_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
Object.assign(process.env, {
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
});

function ensureChromium() {
  if (existsSync(chromium)) return;
  if (process.getuid?.() === 0) {
    say('› installing Debian chromium for the browser tests…');
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
    return;
  }
  throw new Error(
    `Chromium not found at ${chromium}: install Debian's chromium or set CHROMIUM_PATH`,
  );
}

/** @param {string} role @param {string} database @returns {string} */
function dbUrl(role, database) {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
}

async function endToEnd() {
  const database = `foyer_e2e_${randomBytes(5).toString('hex')}`;
  const [apiPort, webPort, smtpPort, mailWebPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const mailUrl = `http://127.0.0.1:${mailWebPort}`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    API_DOCS: 'true',
    DATABASE_ADMIN_URL: adminUrl,
    DATABASE_MIGRATION_URL: dbUrl('foyer_owner', database),
    DATABASE_URL: dbUrl('foyer_app', database),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `e2e:${database}:`,
    ...freshSecrets(),
    CORS_ALLOWLIST: webUrl,
    SITE_BASE_URL: webUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PORT: String(apiPort),
  };
  const cleanup = async () => {
    await stopAll();
    run(
      'psql',
      [adminUrl, '-qc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`],
      { stdio: 'ignore' },
    );
  };
  onExit(cleanup);
  try {
    const cli = (/** @type {string} */ command) =>
      run(process.execPath, [join(root, 'dist/apps/api/cli.js'), command], {
        env,
      });
    cli('db:setup');
    cli('migrate');
    cli('demo:seed');
    const mail = start(
      'mail',
      join(root, 'node_modules/.bin/maildev'),
      [
        '--smtp',
        String(smtpPort),
        '--ip',
        '127.0.0.1',
        '--web',
        String(mailWebPort),
        '--web-ip',
        '127.0.0.1',
      ],
      {},
      { quiet: true },
    );
    const api = start('api', process.execPath, ['dist/apps/api/main.js'], env);
    start('worker', process.execPath, ['dist/apps/worker/main.js'], env);
    const web = start(
      'web',
      process.execPath,
      ['tools/scripts/serve-web.mjs'],
      {
        WEB_PORT: String(webPort),
        WEB_HOST: '127.0.0.1',
        API_BASE_URL: apiUrl,
      },
      { quiet: true },
    );
    await waitFor(`${apiUrl}/health/ready`, { child: api });
    await waitFor(`${webUrl}/`, { child: web });
    await waitFor(`${mailUrl}/api/healthz`, { child: mail });
    const suiteEnv = {
      API_BASE_URL: apiUrl,
      WEB_BASE_URL: webUrl,
      MAIL_WEB_URL: mailUrl,
      CHROMIUM_PATH: chromium,
    };
    for (const suite of e2eSuites) {
      run(
        'npx',
        [
          'nx',
          'run',
          `${suite}:e2e`,
          '--outputStyle=static',
          '--skip-nx-cache',
          ...e2eArgs,
        ],
        { env: suiteEnv },
      );
    }
  } finally {
    await cleanup();
  }
}

// `npm test` runs everything. For development: `npm test -- --e2e[=api-e2e|web-e2e] [-- <runner args>]`
// only builds the apps and runs the end-to-end suites (one, with e.g. `-- --grep booking`).
const separator = process.argv.indexOf('--');
const ownArgs =
  separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const e2eArgs = separator === -1 ? [] : process.argv.slice(separator + 1);
const e2eOnly = ownArgs.find((arg) => arg.startsWith('--e2e'));
const e2eSuites = e2eOnly?.includes('=')
  ? [e2eOnly.split('=')[1]]
  : ['api-e2e', 'web-e2e'];

async function main() {
  const started = Date.now();
  ensureInstalled();
  await checkServices(adminUrl, redisUrl);
  ensureChromium();
  if (e2eOnly) {
    say('› production builds of api, worker and web');
    buildApps();
  } else {
    say(
      '› lint (eslint and prettier), type checks, unit and integration tests, production builds (nx run-many)',
    );
    run('npx', [
      'nx',
      'run-many',
      '-t',
      'lint',
      'typecheck',
      'test',
      'integration',
      'build',
      '--parallel=2',
      '--outputStyle=static',
    ]);
  }
  say('› end-to-end suites against the production builds');
  await endToEnd();
  if (!e2eOnly) {
    say('› benchmark smoke run (correctness only, reusing the builds)');
    run(process.execPath, ['tools/bench/run.mjs', '--smoke', '--no-build']);
  }
  say(`› all green in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error) => {
  process.stderr.write(`\nnpm test failed: ${error.message}\n`);
  process.exit(1);
});
