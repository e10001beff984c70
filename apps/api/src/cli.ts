import 'reflect-metadata';
import { ConfigError, productionUnlessSet } from '@foyer/api/platform/config';
import { parseArgs } from 'node:util';
import {
  dbSetup,
  demoSeed,
  keysGenerate,
  migrate,
  migrateRevert,
  tenantCreate,
} from './cli/commands';

const USAGE = `usage: foyer <command> [options]
  db:setup          create the owner and runtime roles and the database (DATABASE_ADMIN_URL)
  migrate           apply pending migrations as the owner role
  migrate:revert    revert the last migration
  tenant:create     --slug <slug> --name <name> --owner-email <email> [--owner-name <name>]
                    [--timezone <tz>] [--owner-password-stdin]
  demo:seed         the demo venue
  keys:generate     print fresh secrets in .env form`;

const out = (line: string) => process.stdout.write(`${line}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      timezone: { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-name': { type: 'string' },
      'owner-password-stdin': { type: 'boolean' },
    },
    strict: true,
  });
  switch (command) {
    case 'db:setup':
      return dbSetup(out);
    case 'migrate':
      return migrate(out);
    case 'migrate:revert':
      return migrateRevert(out);
    case 'keys:generate':
      return keysGenerate(out);
    case 'tenant:create':
      if (!values.slug || !values.name || !values['owner-email']) {
        throw new Error('tenant:create needs --slug, --name and --owner-email');
      }
      return tenantCreate(out, {
        slug: values.slug,
        name: values.name,
        timezone: values.timezone,
        ownerEmail: values['owner-email'],
        ownerName: values['owner-name'],
        ownerPassword: values['owner-password-stdin']
          ? await readStdin()
          : undefined,
      });
    case 'demo:seed':
      return demoSeed(out);
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

productionUnlessSet();
main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
