// @ts-check
// Shared by `npm start` and `npm test`: install check, child processes, waiting for URLs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeDrift, lockfileDrift } from './lockfile-drift.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const say = (/** @type {string} */ line) =>
  process.stdout.write(`${line}\n`);

/** `npm install` when node_modules is missing or older than the lockfile; the lockfile must not drift. */
export function ensureInstalled() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.foyer-lock-sha256');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    return;
  }
  const before = readFileSync(lock, 'utf8');
  say('› installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
  const after = readFileSync(lock, 'utf8');
  if (after !== before) {
    throw new Error(
      `npm install changed package-lock.json\n${describeDrift(lockfileDrift(before, after))}`,
    );
  }
  writeFileSync(stamp, want);
}

/**
 * Runs a command to completion with inherited stdio; throws unless it exits 0.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`,
    );
  }
}

/**
 * Runs a command to completion and returns its stdout; throws (with its stderr) unless it exits 0.
 * @param {string} command
 * @param {string[]} args
 * @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options]
 */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  }
  return result.stdout;
}

/**
 * A child started by start(): `stopping` is set while stopAll() ends it on purpose.
 * @typedef {import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, import('node:stream').Readable> & { foyerName: string, stopping: boolean }} Child
 */

/** @type {Set<Child>} */
const children = new Set();

/**
 * A long-running child whose output is prefixed with its name.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env] added to this process's environment
 * @param {{ quiet?: boolean }} [options] quiet: print its output only if it exits on its own
 * @returns {Child}
 */
export function start(name, command, args, env = {}, { quiet = false } = {}) {
  const child = Object.assign(
    spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    { foyerName: name, stopping: false },
  );
  children.add(child);
  /** @type {string[]} */
  const log = [];
  /** @param {import('node:stream').Readable} stream @param {NodeJS.WriteStream} target */
  const forward = (stream, target) => {
    let buffer = '';
    stream.on('data', (/** @type {Buffer} */ chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        log.push(line);
        if (log.length > 200) log.shift();
        if (!quiet) target.write(`[${name}] ${line}\n`);
      }
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!child.stopping) {
      process.stderr.write(`[${name}] exited (${code ?? signal})\n`);
      if (quiet)
        process.stderr.write(log.map((line) => `[${name}] ${line}\n`).join(''));
    }
  });
  return child;
}

/**
 * Ends one child: SIGTERM, then SIGKILL after 8 s; resolves once it has exited.
 * @param {Child} child
 * @returns {Promise<void>}
 */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.stopping = true;
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Stops every child start() started. */
export async function stopAll() {
  await Promise.all([...children].map(stopChild));
}

/** The production builds of API, worker and web, through Nx (cached when unchanged). */
export function buildApps() {
  run(
    'npx',
    [
      'nx',
      'run-many',
      '-t',
      'build',
      '-p',
      'api',
      'worker',
      'web',
      '--outputStyle=static',
    ],
    { env: { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' } },
  );
}

/**
 * Resolves once `url` answers 2xx; throws after `timeoutMs` or as soon as `child` has exited.
 * @param {string} url
 * @param {{ timeoutMs?: number, child?: Child }} [options]
 */
export async function waitFor(url, { timeoutMs = 60000, child } = {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) {
      throw new Error(`${child.foyerName} exited before ${url} answered`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until)
      throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** @returns {Promise<number>} a TCP port on 127.0.0.1 nobody listens on right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      // Listening on a TCP port, the address is always an AddressInfo.
      const { port } = /** @type {import('node:net').AddressInfo} */ (
        server.address()
      );
      server.close(() => resolve(port));
    });
  });
}

export const secret = () => randomBytes(48).toString('base64url');

/** Fresh secrets for a throwaway environment (tests, first start). */
export function freshSecrets() {
  return {
    JWT_ACCESS_SECRET: `k1:${secret()}`,
    JWT_REFRESH_SECRET: `r1:${secret()}`,
    CAPABILITY_KEYS: `c1:${secret()}`,
    TOKEN_HASH_KEY: secret(),
    MEDIA_SIGNING_KEY: secret(),
  };
}

/**
 * Throws, naming each, unless PostgreSQL and Redis both answer.
 * @param {string} databaseAdminUrl
 * @param {string} redisUrl
 */
export async function checkServices(databaseAdminUrl, redisUrl) {
  /** @type {string[]} */
  const problems = [];
  const pg = spawnSync('psql', [databaseAdminUrl, '-tAc', 'select 1'], {
    encoding: 'utf8',
  });
  if (pg.status !== 0)
    problems.push(
      `PostgreSQL does not answer at ${new URL(databaseAdminUrl).host}`,
    );
  const { hostname, port } = new URL(redisUrl);
  /** @type {boolean} */
  const redisUp = await new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname, () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!redisUp)
    problems.push(`Redis does not answer at ${hostname}:${port || 6379}`);
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('; ')}. Start them first (see README, "Prerequisites").`,
    );
  }
}

/**
 * On SIGINT or SIGTERM: `cleanup`, then exit 130 or 143 (also when cleanup fails, after saying why).
 * @param {() => Promise<unknown>} cleanup
 */
export function onExit(cleanup) {
  let done = false;
  /** @param {NodeJS.Signals} signal */
  const handler = (signal) => {
    if (done) return;
    done = true;
    cleanup()
      .catch((error) =>
        process.stderr.write(
          `cleanup after ${signal} failed: ${error?.message ?? error}\n`,
        ),
      )
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
