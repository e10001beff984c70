import { Client, escapeIdentifier, escapeLiteral } from 'pg';

/** NOLOGIN group role that migrations grant DML to; the runtime login role is a member. */
export const RUNTIME_GROUP_ROLE = 'foyer_runtime';

export interface DatabaseTarget {
  database: string;
  ownerUser: string;
  ownerPassword?: string;
  runtimeUser: string;
  runtimePassword?: string;
}

export function targetFromUrls(
  migrationUrl: string,
  runtimeUrl: string,
): DatabaseTarget {
  const owner = new URL(migrationUrl);
  const runtime = new URL(runtimeUrl);
  const database = decodeURIComponent(owner.pathname.replace(/^\//, ''));
  if (database !== decodeURIComponent(runtime.pathname.replace(/^\//, ''))) {
    throw new Error(
      'DATABASE_URL and DATABASE_MIGRATION_URL must name the same database',
    );
  }
  if (owner.username === runtime.username) {
    throw new Error('the runtime role must not be the owner role');
  }
  return {
    database,
    ownerUser: decodeURIComponent(owner.username),
    ownerPassword: owner.password
      ? decodeURIComponent(owner.password)
      : undefined,
    runtimeUser: decodeURIComponent(runtime.username),
    runtimePassword: runtime.password
      ? decodeURIComponent(runtime.password)
      : undefined,
  };
}

async function roleExists(client: Client, name: string): Promise<boolean> {
  const result = await client.query(
    'SELECT 1 FROM pg_roles WHERE rolname = $1',
    [name],
  );
  return (result.rowCount ?? 0) > 0;
}

async function ensureLoginRole(
  client: Client,
  name: string,
  password: string | undefined,
  extra: string,
) {
  const verb = (await roleExists(client, name)) ? 'ALTER' : 'CREATE';
  const pass = password ? `PASSWORD ${escapeLiteral(password)}` : '';
  await client.query(
    `${verb} ROLE ${escapeIdentifier(name)} WITH LOGIN ${extra} ${pass}`,
  );
}

/**
 * Creates (or brings back in line) the owner role, the runtime role and its group, all
 * idempotently. Runs as a superuser (DATABASE_ADMIN_URL). Roles are cluster-wide, so a
 * concurrent run is serialised with an advisory lock.
 */
export async function ensureRoles(
  admin: Client,
  target: Omit<DatabaseTarget, 'database'>,
): Promise<void> {
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['foyer:roles']);
  try {
    await ensureLoginRole(
      admin,
      target.ownerUser,
      target.ownerPassword,
      'NOSUPERUSER CREATEDB NOCREATEROLE NOBYPASSRLS',
    );
    await ensureLoginRole(
      admin,
      target.runtimeUser,
      target.runtimePassword,
      'NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT',
    );
    if (!(await roleExists(admin, RUNTIME_GROUP_ROLE))) {
      await admin.query(
        `CREATE ROLE ${RUNTIME_GROUP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS`,
      );
    }
    await admin.query(
      `GRANT ${RUNTIME_GROUP_ROLE} TO ${escapeIdentifier(target.runtimeUser)}`,
    );
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [
      'foyer:roles',
    ]);
  }
}

/** Creates the database owned by the owner role if it is missing; locks down PUBLIC. */
export async function ensureDatabase(
  admin: Client,
  target: DatabaseTarget,
  template?: string,
): Promise<boolean> {
  const exists = await admin.query(
    'SELECT 1 FROM pg_database WHERE datname = $1',
    [target.database],
  );
  if ((exists.rowCount ?? 0) > 0) {
    return false;
  }
  const from = template ? ` TEMPLATE ${escapeIdentifier(template)}` : '';
  await admin.query(
    `CREATE DATABASE ${escapeIdentifier(target.database)} OWNER ${escapeIdentifier(target.ownerUser)}${from}`,
  );
  await admin.query(
    `REVOKE ALL ON DATABASE ${escapeIdentifier(target.database)} FROM PUBLIC`,
  );
  await admin.query(
    `GRANT CONNECT, TEMPORARY ON DATABASE ${escapeIdentifier(target.database)} TO ${RUNTIME_GROUP_ROLE}`,
  );
  return true;
}
