import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditLog } from '@foyer/api/audit';
import { StaffAccounts } from '@foyer/api/auth';
import { seedDemoMenu } from '@foyer/api/menu';
import { seedDemoTables } from '@foyer/api/orders';
import { seedDemoProgramme } from '@foyer/api/reservations';
import { ROLES, Role } from '@foyer/contracts';
import { APP_CONFIG, AppConfig, loadConfig } from '@foyer/api/platform/config';
import {
  TenantContext,
  ensureDatabase,
  ensureRoles,
  targetFromUrls,
} from '@foyer/api/platform/database';
import { TenantDirectory } from '@foyer/api/tenants';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations';
import { CliModule } from './cli.module';

export type Output = (line: string) => void;

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required for this command`);
  }
  return value;
}

export function migrationDataSource(
  url = required('DATABASE_MIGRATION_URL'),
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error'],
  });
}

export async function dbSetup(out: Output): Promise<void> {
  const target = targetFromUrls(
    required('DATABASE_MIGRATION_URL'),
    required('DATABASE_URL'),
  );
  const admin = new Client({
    connectionString: required('DATABASE_ADMIN_URL'),
  });
  await admin.connect();
  try {
    await ensureRoles(admin, target);
    const created = await ensureDatabase(admin, target);
    out(
      `roles ${target.ownerUser} (owner) and ${target.runtimeUser} (runtime) ready; database ${target.database} ${created ? 'created' : 'already there'}`,
    );
  } finally {
    await admin.end();
  }
}

export async function migrate(out: Output): Promise<void> {
  const source = await migrationDataSource().initialize();
  try {
    const applied = await source.runMigrations({ transaction: 'each' });
    out(
      applied.length === 0
        ? 'no pending migrations'
        : `applied ${applied.map((m) => m.name).join(', ')}`,
    );
  } finally {
    await source.destroy();
  }
}

export async function migrateRevert(out: Output): Promise<void> {
  const source = await migrationDataSource().initialize();
  try {
    await source.undoLastMigration({ transaction: 'each' });
    out('reverted the last migration');
  } finally {
    await source.destroy();
  }
}

const secret = () => randomBytes(48).toString('base64url');

export function keysGenerate(out: Output): void {
  out(`JWT_ACCESS_SECRET=k1:${secret()}`);
  out(`JWT_REFRESH_SECRET=r1:${secret()}`);
  out(`CAPABILITY_KEYS=c1:${secret()}`);
  out(`TOKEN_HASH_KEY=${secret()}`);
  out(`MEDIA_SIGNING_KEY=${secret()}`);
}

export async function withContext<T>(
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  loadConfig();
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: ['error', 'warn'],
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export interface TenantCreateOptions {
  slug: string;
  name: string;
  timezone?: string;
  ownerEmail: string;
  ownerName?: string;
  /** Read from standard input by the CLI, for automation; otherwise a set-password link is printed. */
  ownerPassword?: string;
}

export async function tenantCreate(
  out: Output,
  options: TenantCreateOptions,
): Promise<void> {
  await withContext(async (app) => {
    const tenant = await app.get(TenantDirectory).create(options);
    const added = await app.get(TenantContext).run(tenant.id, async () => {
      const member = await app.get(StaffAccounts).addMember({
        email: options.ownerEmail,
        displayName: options.ownerName ?? 'Owner',
        role: Role.OWNER,
        password: options.ownerPassword,
      });
      await app.get(AuditLog).record({
        action: 'tenant.created',
        actorId: null,
        targetType: 'tenant',
        targetId: tenant.id,
      });
      await app.get(AuditLog).record({
        action: 'staff.added',
        actorId: null,
        targetType: 'user',
        targetId: member.userId,
        metadata: { role: Role.OWNER },
      });
      return member;
    });
    out(tenant.id);
    if (added.invitation) {
      const site = app.get<AppConfig>(APP_CONFIG).SITE_BASE_URL;
      const what =
        added.invitation.path === '/set-password'
          ? 'to set a password'
          : 'to accept (the address already has a Foyer account)';
      out(
        `one-time link for the owner ${what} (72 h): ${site}${added.invitation.path}#t=${added.invitation.token}`,
      );
    }
  });
}

export const DEMO_TENANT = {
  slug: 'demo',
  name: 'Foyer Demo Theatre',
  timezone: 'Europe/Berlin',
};
/** Demo-only password shared by the demo staff logins; never used outside the demo seed. */
export const DEMO_STAFF_PASSWORD = 'Curtain-call-at-8pm';
export const demoLogin = (role: Role) => `${role}@demo.foyer.localhost`;

export async function demoSeed(out: Output): Promise<void> {
  await withContext(async (app) => {
    const directory = app.get(TenantDirectory);
    const existing = await directory.idForSlug(DEMO_TENANT.slug);
    const id = existing ?? (await directory.create(DEMO_TENANT)).id;
    const tables = await app.get(TenantContext).run(id, async (manager) => {
      await seedDemoProgramme(manager, id);
      await seedDemoMenu(manager, id);
      for (const role of ROLES) {
        const name = `Demo ${role[0].toUpperCase()}${role.slice(1)}`;
        await app.get(StaffAccounts).addMember({
          email: demoLogin(role),
          displayName: name,
          role,
          password: DEMO_STAFF_PASSWORD,
        });
      }
      return seedDemoTables(manager, id);
    });
    // Table codes are random per install: print where diners of each table start.
    const site = app.get<AppConfig>(APP_CONFIG).SITE_BASE_URL;
    for (const table of tables) {
      out(`table "${table.label}": ${site}/t/${table.code}`);
    }
    out(
      `demo venue "${DEMO_TENANT.slug}" ${existing ? 'already there' : 'created'} (${id}); staff: <role>@demo.foyer.localhost / ${DEMO_STAFF_PASSWORD}`,
    );
  });
}
