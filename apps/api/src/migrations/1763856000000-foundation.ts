import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ground rules of the schema: the tenant resolver function, the first tenant-scoped
 * table under forced, deny-by-default row-level security, the narrow public lookup, and
 * the transactional outbox. Runtime privileges go to the NOLOGIN group `foyer_runtime`.
 */
export class Foundation1763856000000 implements MigrationInterface {
  name = 'Foundation1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA public TO foyer_runtime`);

    // '' (not NULL) is what a pooled connection holds after a SET LOCAL ends: both mean "no tenant".
    await q.query(`
      CREATE FUNCTION app_current_tenant() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$`);

    await q.query(`
      CREATE TABLE tenant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        timezone text NOT NULL DEFAULT 'UTC',
        currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
        retention_days integer NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 1 AND 3650),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE tenant ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE tenant FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON tenant
      USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant())`);
    // The owner role runs migrations and SECURITY DEFINER lookups; it never serves requests.
    await q.query(
      `CREATE POLICY tenant_owner_maintenance ON tenant TO CURRENT_USER USING (true) WITH CHECK (true)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE ON tenant TO foyer_runtime`);

    // Public entry points learn only a tenant id from a slug, then work under RLS.
    await q.query(`
      CREATE FUNCTION app_tenant_id_by_slug(p_slug text) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT id FROM public.tenant WHERE slug = p_slug $$`);
    await q.query(
      `REVOKE ALL ON FUNCTION app_tenant_id_by_slug(text) FROM PUBLIC`,
    );
    await q.query(
      `GRANT EXECUTE ON FUNCTION app_tenant_id_by_slug(text) TO foyer_runtime`,
    );

    await q.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        tenant_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX outbox_message_created_idx ON outbox_message (created_at, id)`,
    );
    // NOTIFY is delivered only when the inserting transaction commits.
    await q.query(`
      CREATE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN PERFORM pg_notify('foyer_outbox', ''); RETURN NULL; END $$`);
    await q.query(`
      CREATE TRIGGER outbox_message_notify AFTER INSERT ON outbox_message
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify()`);
    // UPDATE only because SELECT ... FOR UPDATE SKIP LOCKED needs it to claim rows.
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON outbox_message TO foyer_runtime`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_message`);
    await q.query(`DROP FUNCTION outbox_message_notify()`);
    await q.query(`DROP FUNCTION app_tenant_id_by_slug(text)`);
    await q.query(`DROP TABLE tenant`);
    await q.query(`DROP FUNCTION app_current_tenant()`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM foyer_runtime`);
    await q.query(`GRANT USAGE ON SCHEMA public TO PUBLIC`);
  }
}
