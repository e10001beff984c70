import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToRuntime, protectTenantTable } from './tenant-rls';

/**
 * Staff identities, tenant memberships, login sessions with rotating refresh tokens,
 * one-time set-password tokens and the append-only, hash-chained audit log. Everything
 * tenant-scoped is under forced, deny-by-default RLS; anonymous entry points (login by
 * email, refresh and set-password by token hash) go through narrow SECURITY DEFINER
 * functions that return only what the next step needs.
 */
export class Identity1763900000000 implements MigrationInterface {
  name = 'Identity1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND char_length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 120),
        password_hash text,
        tokens_valid_after timestamptz NOT NULL DEFAULT to_timestamp(0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE membership (
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        user_id uuid NOT NULL REFERENCES app_user (id),
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'host', 'kitchen', 'viewer')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      )`);
    await q.query(`CREATE INDEX membership_user_idx ON membership (user_id)`);
    await protectTenantTable(q, 'membership', 'SELECT, INSERT, UPDATE, DELETE');

    // A user is visible only to tenants it belongs to; new identities may be created freely.
    await q.query(`ALTER TABLE app_user ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE app_user FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY app_user_member_read ON app_user FOR SELECT
      USING (EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id AND m.tenant_id = app_current_tenant()))`);
    await q.query(`
      CREATE POLICY app_user_member_update ON app_user FOR UPDATE
      USING (EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id AND m.tenant_id = app_current_tenant()))`);
    await q.query(
      `CREATE POLICY app_user_insert ON app_user FOR INSERT WITH CHECK (app_current_tenant() IS NOT NULL)`,
    );
    await q.query(
      `CREATE POLICY app_user_owner_maintenance ON app_user TO CURRENT_USER USING (true) WITH CHECK (true)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE ON app_user TO foyer_runtime`);

    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        user_id uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoke_reason text
      )`);
    await q.query(
      `CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL`,
    );
    await protectTenantTable(q, 'auth_session', 'SELECT, INSERT, UPDATE');

    await q.query(`
      CREATE TABLE refresh_token (
        token_hash bytea PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES auth_session (id),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        spent_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)`,
    );
    await protectTenantTable(q, 'refresh_token', 'SELECT, INSERT, UPDATE');

    await q.query(`
      CREATE TABLE password_token (
        token_hash bytea PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        user_id uuid NOT NULL REFERENCES app_user (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await protectTenantTable(q, 'password_token', 'SELECT, INSERT, UPDATE');

    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        seq bigint NOT NULL,
        occurred_at text NOT NULL,
        actor_id uuid,
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]{1,63}$'),
        target_type text NOT NULL,
        target_id text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        previous_hash text,
        hash text NOT NULL,
        UNIQUE (tenant_id, seq)
      )`);
    await q.query(
      `CREATE INDEX audit_event_filter_idx ON audit_event (tenant_id, action, seq)`,
    );
    // Append-only: the runtime role may read and add rows, never change or remove them.
    await protectTenantTable(q, 'audit_event', 'SELECT, INSERT');

    // Narrow doors for callers that hold only an email or a token hash.
    await q.query(`
      CREATE FUNCTION app_login_candidate(p_email text)
      RETURNS TABLE (user_id uuid, password_hash text, tokens_valid_after timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT id, password_hash, tokens_valid_after FROM public.app_user WHERE email = lower(p_email) $$`);
    await q.query(`
      CREATE FUNCTION app_user_memberships(p_user uuid)
      RETURNS TABLE (tenant_id uuid, slug text, name text, role text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        SELECT t.id, t.slug, t.name, m.role FROM public.membership m JOIN public.tenant t ON t.id = m.tenant_id
        WHERE m.user_id = p_user AND m.disabled_at IS NULL ORDER BY t.name
      $$`);
    await q.query(`
      CREATE FUNCTION app_user_id_by_email(p_email text) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT id FROM public.app_user WHERE email = lower(p_email) $$`);
    await q.query(`
      CREATE FUNCTION app_refresh_token_tenant(p_hash bytea) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT tenant_id FROM public.refresh_token WHERE token_hash = p_hash $$`);
    await q.query(`
      CREATE FUNCTION app_password_token_tenant(p_hash bytea) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT tenant_id FROM public.password_token WHERE token_hash = p_hash $$`);
    await grantToRuntime(q, [
      'app_login_candidate(text)',
      'app_user_memberships(uuid)',
      'app_user_id_by_email(text)',
      'app_refresh_token_tenant(bytea)',
      'app_password_token_tenant(bytea)',
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of [
      'app_password_token_tenant(bytea)',
      'app_refresh_token_tenant(bytea)',
      'app_user_id_by_email(text)',
      'app_user_memberships(uuid)',
      'app_login_candidate(text)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    // These policies read membership, so they go before it.
    await q.query(`DROP POLICY app_user_member_read ON app_user`);
    await q.query(`DROP POLICY app_user_member_update ON app_user`);
    for (const table of [
      'audit_event',
      'password_token',
      'refresh_token',
      'auth_session',
      'membership',
      'app_user',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
