#!/usr/bin/env node
// @ts-check
// What changed between two package-lock.json files, in words: which packages were added,
// removed or moved to another version, and whether the change is only in optional
// per-platform entries (the binaries npm records for other operating systems and CPUs).
//
// `node tools/scripts/lockfile-drift.mjs` compares the committed lockfile (HEAD) with the
// one in the working tree and exits 1 when they differ; `npm test` and `.ci/run` use it so
// a drifting lockfile explains itself.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{ version?: string, optional?: boolean, dev?: boolean, os?: string[], cpu?: string[], libc?: string[] }} LockEntry
 * @typedef {{ name: string, version: string, platform: boolean }} Listed
 * @typedef {{ added: Listed[], removed: Listed[], changed: { name: string, from: string, to: string }[] }} Drift
 */

/** @param {string} text @returns {Record<string, LockEntry>} */
function packagesOf(text) {
  const lock = /** @type {{ packages?: Record<string, LockEntry> }} */ (
    JSON.parse(text)
  );
  return lock.packages ?? {};
}

/** The package's name from its lockfile path (`node_modules/a/node_modules/@b/c` → `@b/c`). */
function nameOf(/** @type {string} */ path) {
  return path === ''
    ? '(root)'
    : path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** An optional entry restricted to some platform: present or absent depending on the installer's registry view. */
function isPlatformEntry(/** @type {LockEntry} */ entry) {
  return Boolean(entry.optional && (entry.os || entry.cpu || entry.libc));
}

/**
 * @param {string} beforeText the lockfile as it was
 * @param {string} afterText the lockfile as it is now
 * @returns {Drift}
 */
export function lockfileDrift(beforeText, afterText) {
  const before = packagesOf(beforeText);
  const after = packagesOf(afterText);
  /** @type {Drift} */
  const drift = { added: [], removed: [], changed: [] };
  const listed = (
    /** @type {string} */ path,
    /** @type {LockEntry} */ entry,
  ) => ({
    name: nameOf(path),
    version: entry.version ?? '?',
    platform: isPlatformEntry(entry),
  });
  for (const [path, entry] of Object.entries(after)) {
    const old = before[path];
    if (!old) drift.added.push(listed(path, entry));
    else if (old.version !== entry.version) {
      drift.changed.push({
        name: nameOf(path),
        from: old.version ?? '?',
        to: entry.version ?? '?',
      });
    }
  }
  for (const [path, entry] of Object.entries(before)) {
    if (!after[path]) drift.removed.push(listed(path, entry));
  }
  return drift;
}

/** True when the two lockfiles record the same packages at the same versions. */
export function isEmpty(/** @type {Drift} */ drift) {
  return drift.added.length + drift.removed.length + drift.changed.length === 0;
}

/** A few lines a developer can act on. */
export function describeDrift(/** @type {Drift} */ drift) {
  if (isEmpty(drift)) {
    return 'package-lock.json changed, but every package keeps its version (only order, integrity or metadata differ).';
  }
  const onlyPlatform =
    drift.changed.length === 0 &&
    [...drift.added, ...drift.removed].every((entry) => entry.platform);
  const names = (/** @type {Listed[]} */ list) =>
    list.map(
      (entry) =>
        `${entry.name}@${entry.version}${entry.platform ? ' (optional, platform)' : ''}`,
    );
  const lines = [
    onlyPlatform
      ? 'package-lock.json drifted in optional per-platform entries only; no package changed version.'
      : 'package-lock.json drifted: packages were added, removed or changed version.',
  ];
  const section = (
    /** @type {string} */ title,
    /** @type {string[]} */ items,
  ) => {
    if (items.length === 0) return;
    const shown = items.slice(0, 20);
    lines.push(
      `  ${title} (${items.length}): ${shown.join(', ')}${items.length > shown.length ? ', …' : ''}`,
    );
  };
  section('added', names(drift.added));
  section('removed', names(drift.removed));
  section(
    'changed version',
    drift.changed.map((entry) => `${entry.name} ${entry.from} → ${entry.to}`),
  );
  lines.push(
    '  Regenerate the lockfile as a new machine sees it (node tools/scripts/fresh-clone-check.mjs --write) and commit it.',
  );
  return lines.join('\n');
}

function main() {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
  const committed = execFileSync('git', ['show', 'HEAD:package-lock.json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const current = readFileSync(join(root, 'package-lock.json'), 'utf8');
  if (committed === current) return;
  process.stderr.write(`${describeDrift(lockfileDrift(committed, current))}\n`);
  process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  main();
