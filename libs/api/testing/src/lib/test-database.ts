import { ensureDatabase, ensureRoles } from '@foyer/api/platform/database';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, escapeIdentifier } from 'pg';

export const OWNER_ROLE = 'foyer_owner';
export const RUNTIME_ROLE = 'foyer_app';

export interface TestDatabase {
  name: string;
  /** The least-privilege runtime role, as the API connects. */
  runtimeUrl: string;
  /** The owner role, as migrations run. */
  ownerUrl: string;
  /**
   * The administrator (a superuser: row-level security does not apply to it). Only for
   * tenancy walks, which prove the application scopes its own queries by running the
   * repositories on a connection RLS would not save.
   */
  bypassRlsUrl: string;
  drop(): Promise<void>;
}

export function workspaceRoot(): string {
  let dir = __dirname;
  while (!readdirSync(dir).includes('nx.json')) {
    const parent = join(dir, '..');
    if (parent === dir) {
      throw new Error('workspace root not found');
    }
    dir = parent;
  }
  return dir;
}

function adminUrl(): string {
  return (
    process.env['TEST_DATABASE_ADMIN_URL'] ??
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

function urlFor(role: string, database: string): string {
  const url = new URL(adminUrl());
  url.username = role;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
}

/** The template's name follows the migrations' content, so a changed migration builds a new one. */
function templateName(root: string): string {
  const dir = join(root, 'apps/api/src/migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    hash.update(file).update(readFileSync(join(dir, file)));
  }
  return `foyer_tpl_${hash.digest('hex').slice(0, 16)}`;
}

async function withLock<T>(admin: Client, work: () => Promise<T>): Promise<T> {
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [
    'foyer:test-template',
  ]);
  try {
    return await work();
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [
      'foyer:test-template',
    ]);
  }
}

async function ensureTemplate(admin: Client, root: string): Promise<string> {
  const template = templateName(root);
  const exists = await admin.query(
    'SELECT 1 FROM pg_database WHERE datname = $1',
    [template],
  );
  if ((exists.rowCount ?? 0) > 0) {
    return template;
  }
  const target = {
    database: template,
    ownerUser: OWNER_ROLE,
    runtimeUser: RUNTIME_ROLE,
  };
  await ensureDatabase(admin, target);
  try {
    // The real operating command builds the template: tests run the migrations operators run.
    execFileSync(
      process.execPath,
      [join(root, 'tools/cli/run.mjs'), 'migrate'],
      {
        cwd: root,
        env: {
          ...process.env,
          FOYER_SKIP_DOTENV: '1',
          DATABASE_MIGRATION_URL: urlFor(OWNER_ROLE, template),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  } catch (error) {
    await admin.query(
      `DROP DATABASE IF EXISTS ${escapeIdentifier(template)} WITH (FORCE)`,
    );
    throw error;
  }
  await admin.query(
    `ALTER DATABASE ${escapeIdentifier(template)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`,
  );
  // Templates of older migration sets are no longer needed.
  const stale = await admin.query(
    `SELECT datname FROM pg_database WHERE datname LIKE 'foyer\\_tpl\\_%' AND datname <> $1`,
    [template],
  );
  for (const { datname } of stale.rows as { datname: string }[]) {
    await admin.query(
      `ALTER DATABASE ${escapeIdentifier(datname)} WITH IS_TEMPLATE false`,
    );
    await admin.query(
      `DROP DATABASE IF EXISTS ${escapeIdentifier(datname)} WITH (FORCE)`,
    );
  }
  return template;
}

/**
 * A fresh, migrated database for one test file, cloned from a template built once per
 * migration set, so projects can run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const root = workspaceRoot();
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  const name = `foyer_test_${randomBytes(6).toString('hex')}`;
  try {
    await ensureRoles(admin, {
      ownerUser: OWNER_ROLE,
      runtimeUser: RUNTIME_ROLE,
    });
    await withLock(admin, async () => {
      const template = await ensureTemplate(admin, root);
      await ensureDatabase(
        admin,
        { database: name, ownerUser: OWNER_ROLE, runtimeUser: RUNTIME_ROLE },
        template,
      );
    });
  } finally {
    await admin.end();
  }
  return {
    name,
    runtimeUrl: urlFor(RUNTIME_ROLE, name),
    ownerUrl: urlFor(OWNER_ROLE, name),
    bypassRlsUrl: (() => {
      const url = new URL(adminUrl());
      url.pathname = `/${name}`;
      return url.toString();
    })(),
    async drop() {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(
          `DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`,
        );
      } finally {
        await client.end();
      }
    },
  };
}
