#!/usr/bin/env node
// @ts-check
// One owner per table: each table is read and written only by its owning library, and
// inside it only by a repository (`*.repository.ts`). Every other file reaches a table
// through the owner's exported service. This check reads the TypeScript sources outside
// specs, migrations and test fixtures and fails on any SQL naming a table (FROM, JOIN,
// INTO, UPDATE followed by the table's name) in a file that is not the table's
// repository. Run by `npx nx test tools` (and so by `npm test`).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
  'libs/api/platform/src/lib/outbox/outbox.ts': ['outbox_message'],
  'libs/api/platform/src/lib/outbox/outbox-relay.ts': ['outbox_message'],
};

const SKIP =
  /(\.spec\.ts|\.d\.ts)$|\/migrations\/|\/node_modules\/|\/dist\/|^libs\/api\/testing\//;
const SQL = /\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:public\.)?([a-z_]+)\b/g;

/** @param {string} dir @returns {Generator<string>} */
function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') yield* sources(path);
    } else if (name.endsWith('.ts')) {
      yield path;
    }
  }
}

/** Every SQL reference to a table from a file that may not make it: `file: table`. */
export function violations() {
  /** @type {string[]} */
  const found = [];
  for (const top of ['apps', 'libs']) {
    for (const path of sources(join(root, top))) {
      const file = relative(root, path);
      if (SKIP.test(file)) continue;
      const text = readFileSync(path, 'utf8');
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
  }
  return [...new Set(found)].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = violations();
  if (found.length > 0) {
    process.stderr.write(
      `Tables named outside their owner's repositories (${found.length}):\n  ${found.join('\n  ')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(
    `table owners: ${Object.keys(OWNERS).length} tables, no SQL outside their repositories\n`,
  );
}
