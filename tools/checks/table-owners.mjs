#!/usr/bin/env node
// @ts-check
// One owner per table: each table is read and written only by its owning library, and
// inside it only by a repository (`*.repository.ts`). Every other file reaches a table
// through the owner's exported service. Two checks hold this, over the TypeScript sources
// of apps/ and libs/ (specs, migrations and test fixtures aside for the first):
// - tables: SQL naming a table (FROM, JOIN, INTO, UPDATE followed by its name) only in the
//   table's repositories;
// - repositories: a `*.repository` module is never exported from a library's entry point
//   (the files tsconfig.base.json maps an alias to) nor imported from another library.
// Run by `npx nx test tools` (and so by `npm test`); table-owners.spec.mjs proves each
// check catches a violation.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Table → the library that owns it (docs/architecture.md, "Tables and their owners"). */
export const OWNERS = {
  tenant: 'libs/api/tenants',
  app_user: 'libs/api/auth',
  membership: 'libs/api/auth',
  auth_session: 'libs/api/auth',
  refresh_token: 'libs/api/auth',
  password_token: 'libs/api/auth',
  password_reset: 'libs/api/auth',
  audit_event: 'libs/api/audit',
  audit_head: 'libs/api/audit',
  room: 'libs/api/reservations',
  performance: 'libs/api/reservations',
  reservation: 'libs/api/reservations',
  reservation_token: 'libs/api/reservations',
  menu_category: 'libs/api/menu',
  menu_item: 'libs/api/menu',
  dining_table: 'libs/api/orders',
  dining_order: 'libs/api/orders',
  order_line: 'libs/api/orders',
  outbox_message: 'libs/api/platform',
};

/**
 * Files allowed to name a table besides its repositories, each with its reason. Keep this
 * list short: an entry is a debt, not a design.
 */
export const ALLOWED = {
  // The outbox is platform infrastructure: the writer and the relay are its repository.
  'libs/api/platform/src/lib/outbox/outbox.service.ts': ['outbox_message'],
  'libs/api/platform/src/lib/outbox/outbox-relay.service.ts': [
    'outbox_message',
  ],
};

const SKIP =
  /(\.spec\.ts|\.d\.ts)$|\/migrations\/|\/node_modules\/|\/dist\/|^libs\/api\/testing\//;
const SQL = /\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:public\.)?([a-z_]+)\b/g;

/** @typedef {Map<string, string>} Sources workspace-relative path → file text */

/** @param {string} dir @returns {Generator<string>} */
function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') yield* walk(path);
    } else if (name.endsWith('.ts')) {
      yield path;
    }
  }
}

/** The TypeScript sources of apps/ and libs/. @returns {Sources} */
export function workspaceSources() {
  /** @type {Sources} */
  const files = new Map();
  for (const top of ['apps', 'libs']) {
    for (const path of walk(join(root, top))) {
      files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  }
  return files;
}

/** Every SQL reference to a table from a file that may not make it: `file: table`. @param {Sources} files */
export function tableViolations(files) {
  /** @type {string[]} */
  const found = [];
  for (const [file, text] of files) {
    if (SKIP.test(file)) continue;
    for (const match of text.matchAll(SQL)) {
      const table = match[1];
      const owner = OWNERS[/** @type {keyof typeof OWNERS} */ (table)];
      if (!owner) continue;
      const own =
        file.startsWith(`${owner}/`) && file.endsWith('.repository.ts');
      const allowed =
        ALLOWED[/** @type {keyof typeof ALLOWED} */ (file)]?.includes(table);
      if (!own && !allowed) {
        found.push(`${file}: ${table} (owned by ${owner})`);
      }
    }
  }
  return [...new Set(found)].sort();
}

/** `import … from '…'`, `export … from '…'` and `import '…'`: each module a file names. */
const SPECIFIER =
  /\b(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/g;

/** The library (or app) a file belongs to: `libs/api/orders`, `apps/worker`. @param {string} file */
function projectOf(file) {
  const parts = file.split('/');
  const src = parts.indexOf('src');
  return parts.slice(0, src === -1 ? 2 : src).join('/');
}

/**
 * The file a specifier names, if it is one of `files`: relative paths, and aliases through
 * `paths` (tsconfig.base.json's compilerOptions.paths).
 * @param {string} from @param {string} specifier @param {Sources} files
 * @param {Record<string, string[]>} paths
 */
function resolve(from, specifier, files, paths) {
  const base = specifier.startsWith('.')
    ? normalize(join(dirname(from), specifier))
    : paths[specifier]?.[0]?.replace(/^\.\//, '');
  if (base === undefined) return undefined;
  return [base, `${base}.ts`, `${base}/index.ts`].find((path) =>
    files.has(path),
  );
}

/**
 * Repositories stay inside their library: every entry point that exports a `*.repository`
 * module, directly or through the `export *` of another file it re-exports, and every file
 * that imports another library's repository: `file: what`.
 * @param {Sources} files @param {Record<string, string[]>} paths
 */
export function repositoryViolations(files, paths) {
  /** @type {string[]} */
  const found = [];
  const entries = Object.values(paths)
    .map((targets) => targets[0].replace(/^\.\//, ''))
    .filter((entry) => files.has(entry));
  for (const entry of entries) {
    /** @type {string[]} */
    const queue = [entry];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const file = /** @type {string} */ (queue.shift());
      const text = /** @type {string} */ (files.get(file));
      for (const match of text.matchAll(
        /\bexport\s[^;'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
      )) {
        const target = resolve(file, match[1], files, paths);
        if (!target) continue;
        const starred = /^export\s+\*/.test(match[0]);
        if (target.endsWith('.repository.ts') && (file === entry || starred)) {
          found.push(`${entry}: exports ${target}`);
        } else if (starred && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  for (const [file, text] of files) {
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolve(file, match[1], files, paths);
      if (
        target?.endsWith('.repository.ts') &&
        projectOf(target) !== projectOf(file)
      ) {
        found.push(`${file}: imports ${target}`);
      }
    }
  }
  return [...new Set(found)].sort();
}

/** tsconfig.base.json's path aliases. @returns {Record<string, string[]>} */
export function workspacePaths() {
  /** @type {{ compilerOptions: { paths: Record<string, string[]> } }} */
  const config = JSON.parse(
    readFileSync(join(root, 'tsconfig.base.json'), 'utf8'),
  );
  return config.compilerOptions.paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = workspaceSources();
  const tables = tableViolations(files);
  const repositories = repositoryViolations(files, workspacePaths());
  if (tables.length > 0) {
    process.stderr.write(
      `Tables named outside their owner's repositories (${tables.length}):\n  ${tables.join('\n  ')}\n`,
    );
  }
  if (repositories.length > 0) {
    process.stderr.write(
      `Repositories reachable from outside their library (${repositories.length}):\n  ${repositories.join('\n  ')}\n`,
    );
  }
  if (tables.length > 0 || repositories.length > 0) {
    process.exit(1);
  }
  process.stdout.write(
    `table owners: ${Object.keys(OWNERS).length} tables, no SQL outside their repositories, no repository outside its library\n`,
  );
}
