import { Client } from 'pg';
import { TestDatabase, createTestDatabase } from './test-database';

describe('createTestDatabase', () => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(made.map((db) => db.drop()));
  });

  async function query(url: string, sql: string, params: unknown[] = []) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  it('gives each caller its own migrated database, reached as the runtime role', async () => {
    const [one, two] = await Promise.all([
      createTestDatabase(),
      createTestDatabase(),
    ]);
    made.push(one, two);
    expect(one.name).not.toBe(two.name);
    await expect(
      query(one.runtimeUrl, 'SELECT current_user AS who'),
    ).resolves.toEqual([{ who: 'foyer_app' }]);
    const tables = await query(
      one.runtimeUrl,
      `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'tenant'`,
    );
    expect(tables).toEqual([{ n: 1 }]);

    // A row written in one database is invisible in the other.
    const id = '00000000-0000-4000-8000-0000000000aa';
    const client = new Client({ connectionString: one.runtimeUrl });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
    await client.query(
      `INSERT INTO tenant (id, slug, name) VALUES ($1, 'isolated', 'Isolated')`,
      [id],
    );
    await client.query('COMMIT');
    await client.end();
    const scoped = async (url: string) => {
      const reader = new Client({ connectionString: url });
      await reader.connect();
      try {
        await reader.query('BEGIN');
        await reader.query(`SELECT set_config('app.tenant_id', $1, true)`, [
          id,
        ]);
        return (await reader.query('SELECT count(*)::int AS n FROM tenant'))
          .rows;
      } finally {
        await reader.end();
      }
    };
    await expect(scoped(one.runtimeUrl)).resolves.toEqual([{ n: 1 }]);
    await expect(scoped(two.runtimeUrl)).resolves.toEqual([{ n: 0 }]);
  });

  it('drops the database it made', async () => {
    const db = await createTestDatabase();
    await db.drop();
    const admin =
      process.env['TEST_DATABASE_ADMIN_URL'] ??
      'postgres://postgres@127.0.0.1:5432/postgres';
    await expect(
      query(
        admin,
        'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1',
        [db.name],
      ),
    ).resolves.toEqual([{ n: 0 }]);
  });
});
