#!/usr/bin/env node
// @ts-check
// Does a new machine see the lockfile we commit? Clones this repository into a temporary
// directory, installs with an empty npm cache and no node_modules, and reports how the
// lockfile npm wrote differs from ours. Run it before committing any dependency change.
//
//   node tools/scripts/fresh-clone-check.mjs           clone, install, compare (exit 1 on drift)
//   node tools/scripts/fresh-clone-check.mjs --write   also copy the fresh lockfile back here
//   node tools/scripts/fresh-clone-check.mjs --ci      then run `bash .ci/run` in the clone
//   node tools/scripts/fresh-clone-check.mjs --keep    leave the clone (its path is printed)
//
// The clone is of HEAD; an uncommitted package.json or package-lock.json in the working
// tree is copied over it, so a change can be checked before it is committed.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDrift, lockfileDrift } from './lockfile-drift.mjs';
import { root, say } from './lib.mjs';

const args = new Set(process.argv.slice(2));
const known = new Set(['--write', '--ci', '--keep']);
for (const arg of args) {
  if (!known.has(arg)) {
    process.stderr.write(
      `unknown option ${arg} (known: ${[...known].join(' ')})\n`,
    );
    process.exit(2);
  }
}

/** @param {string} command @param {string[]} commandArgs @param {{ cwd: string, env?: NodeJS.ProcessEnv }} options */
function step(command, commandArgs, options) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, {
    stdio: 'inherit',
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal})`,
    );
  }
  return Math.round((Date.now() - started) / 1000);
}

const work = mkdtempSync(join(tmpdir(), 'foyer-fresh-clone-'));
const clone = join(work, 'foyer');
const cache = join(work, 'npm-cache');
let failed = false;
try {
  say(`› cloning HEAD into ${clone}`);
  execFileSync('git', ['clone', '--quiet', '--no-local', root, clone]);
  for (const file of ['package.json', 'package-lock.json']) {
    const committed = execFileSync('git', ['show', `HEAD:${file}`], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (readFileSync(join(root, file), 'utf8') !== committed) {
      say(`› using the working tree's uncommitted ${file}`);
      copyFileSync(join(root, file), join(clone, file));
    }
  }
  const ours = readFileSync(join(clone, 'package-lock.json'), 'utf8');
  // Only the registry and the cache location come from outside; the cache starts empty.
  const env = {
    ...process.env,
    npm_config_cache: cache,
    NX_NO_CLOUD: 'true',
    NX_DAEMON: 'false',
  };
  say('› npm install with an empty cache and no node_modules');
  const seconds = step('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: clone,
    env,
  });
  const fresh = readFileSync(join(clone, 'package-lock.json'), 'utf8');
  if (fresh === ours) {
    say(
      `› the lockfile a fresh install writes is the one we have (install took ${seconds} s)`,
    );
  } else {
    const drift = lockfileDrift(ours, fresh);
    say(describeDrift(drift));
    if (args.has('--write')) {
      copyFileSync(
        join(clone, 'package-lock.json'),
        join(root, 'package-lock.json'),
      );
      say(
        '› wrote the fresh lockfile to the working tree: commit it, then run this check again',
      );
    } else {
      // Any byte of difference fails `.ci/run`'s `git diff --exit-code`, not only a new version.
      failed = true;
    }
  }
  if (args.has('--ci') && !failed) {
    say('› bash .ci/run in the clone');
    const ciSeconds = step('bash', ['.ci/run'], { cwd: clone, env });
    say(`› .ci/run passed in the fresh clone in ${ciSeconds} s`);
  }
} finally {
  if (args.has('--keep')) say(`› kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
