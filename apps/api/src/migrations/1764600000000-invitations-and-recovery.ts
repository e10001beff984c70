import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToRuntime } from './tenant-rls';

/**
 * Identities that cannot be squatted or silently attached, password recovery, and the
 * user's own view of their sessions.
 *
 * - A membership is `invited` until its person accepts (an existing account, through an
 *   accept-invitation token) or sets a first password (a new account). An invited
 *   membership grants nothing: sign-in, token checks and the last-owner rule count active
 *   ones only. The inviting tenant sees the address and name it sent (`invited_email`,
 *   `invited_name`), never the account's: `app_user` is visible to a tenant only through an
 *   active membership.
 * - `password_token.purpose` separates set-password from accept-invitation tokens (their
 *   hashes already differ by purpose; the column makes each lookup say which it means).
 * - `password_reset` is global like the account it resets and has no grants at all: the
 *   runtime role reaches it only through the definer functions below, which return no
 *   more than the next step needs. Requesting a reset is one call whether or not the
 *   address has an account (the same round trip: the answer's timing says nothing), and
 *   spending a token sets the password and ends every session in one statement.
 * - Sessions remember the device (user agent, IP) and when they were last used (each
 *   refresh), and the user can list and end their own sessions in every tenant.
 */
export class InvitationsAndRecovery1764600000000 implements MigrationInterface {
  name = 'InvitationsAndRecovery1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE membership
        ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active')),
        ADD COLUMN invited_email text CHECK (char_length(invited_email) BETWEEN 3 AND 254),
        ADD COLUMN invited_name text CHECK (char_length(invited_name) BETWEEN 1 AND 120),
        ADD CONSTRAINT membership_invitation_facts
          CHECK (status = 'active' OR (invited_email IS NOT NULL AND invited_name IS NOT NULL))`);

    await q.query(`
      ALTER TABLE password_token
        ADD COLUMN purpose text NOT NULL DEFAULT 'set-password'
          CHECK (purpose IN ('set-password', 'accept-invitation'))`);

    // An account is a tenant's to read or change only through an active membership.
    await q.query(`DROP POLICY app_user_member_read ON app_user`);
    await q.query(`DROP POLICY app_user_member_update ON app_user`);
    await q.query(`
      CREATE POLICY app_user_member_read ON app_user FOR SELECT
      USING (EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id
                       AND m.tenant_id = app_current_tenant() AND m.status = 'active'))`);
    await q.query(`
      CREATE POLICY app_user_member_update ON app_user FOR UPDATE
      USING (EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id
                       AND m.tenant_id = app_current_tenant() AND m.status = 'active'))`);

    await q.query(`
      CREATE OR REPLACE FUNCTION app_user_memberships(p_user uuid)
      RETURNS TABLE (tenant_id uuid, slug text, name text, role text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        SELECT t.id, t.slug, t.name, m.role FROM public.membership m JOIN public.tenant t ON t.id = m.tenant_id
        WHERE m.user_id = p_user AND m.disabled_at IS NULL AND m.status = 'active' ORDER BY t.name
      $$`);

    await q.query(`
      CREATE TABLE password_reset (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX password_reset_user_idx ON password_reset (user_id) WHERE used_at IS NULL`,
    );
    // No grant to the runtime role, and forced RLS admitting the owner only (the definer
    // functions run as the owner): a runtime connection can neither read nor write it.
    await q.query(`REVOKE ALL ON password_reset FROM PUBLIC`);
    await q.query(`ALTER TABLE password_reset ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE password_reset FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY password_reset_owner_maintenance ON password_reset TO CURRENT_USER USING (true) WITH CHECK (true)`,
    );

    // One round trip either way: the token and its mail are stored only for an account.
    await q.query(`
      CREATE FUNCTION app_request_password_reset(
        p_email text, p_hash bytea, p_ttl_minutes integer,
        p_message_id uuid, p_queue text, p_job_name text, p_payload jsonb)
      RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
      DECLARE v_user uuid;
      BEGIN
        SELECT id INTO v_user FROM public.app_user WHERE email = lower(p_email);
        IF v_user IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO public.password_reset (token_hash, user_id, expires_at)
        VALUES (p_hash, v_user, now() + make_interval(mins => p_ttl_minutes));
        INSERT INTO public.outbox_message (id, queue, job_name, payload, tenant_id)
        VALUES (p_message_id, p_queue, p_job_name, p_payload, NULL);
      END
      $$`);

    // What the password policy needs to judge a new password, for an open token only.
    await q.query(`
      CREATE FUNCTION app_password_reset_subject(p_hash bytea)
      RETURNS TABLE (email text, display_name text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        SELECT u.email, u.display_name FROM public.password_reset r JOIN public.app_user u ON u.id = r.user_id
        WHERE r.token_hash = p_hash AND r.used_at IS NULL AND r.expires_at > now()
      $$`);

    // Spends the token (and every other open one of the account), sets the password and
    // ends every session in every tenant, atomically. Returns no row for a spent, expired
    // or unknown token; otherwise the user once, then the sessions it ended.
    await q.query(`
      CREATE FUNCTION app_reset_password(p_hash bytea, p_password_hash text)
      RETURNS TABLE (user_id uuid, session_id uuid, tenant_id uuid)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
      DECLARE v_user uuid;
      BEGIN
        UPDATE public.password_reset r SET used_at = now()
         WHERE r.token_hash = p_hash AND r.used_at IS NULL AND r.expires_at > now()
        RETURNING r.user_id INTO v_user;
        IF v_user IS NULL THEN
          RETURN;
        END IF;
        UPDATE public.password_reset r SET used_at = now() WHERE r.user_id = v_user AND r.used_at IS NULL;
        UPDATE public.app_user u SET password_hash = p_password_hash, updated_at = now(),
               tokens_valid_after = greatest(u.tokens_valid_after, now())
         WHERE u.id = v_user;
        RETURN QUERY SELECT v_user, NULL::uuid, NULL::uuid;
        RETURN QUERY
          UPDATE public.auth_session s SET revoked_at = now(), revoke_reason = 'password_reset'
           WHERE s.user_id = v_user AND s.revoked_at IS NULL
          RETURNING v_user, s.id, s.tenant_id;
      END
      $$`);

    await q.query(`
      ALTER TABLE auth_session
        ADD COLUMN user_agent text CHECK (char_length(user_agent) <= 256),
        ADD COLUMN ip inet,
        ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now()`);

    // The user's own open sessions in every tenant (each under its tenant's RLS otherwise).
    await q.query(`
      CREATE FUNCTION app_user_open_sessions(p_user uuid)
      RETURNS TABLE (id uuid, tenant_id uuid, slug text, name text, user_agent text, ip text,
                     created_at timestamptz, last_used_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        SELECT s.id, t.id, t.slug, t.name, s.user_agent, host(s.ip), s.created_at, s.last_used_at
          FROM public.auth_session s
          JOIN public.tenant t ON t.id = s.tenant_id
          JOIN public.app_user u ON u.id = s.user_id
         WHERE s.user_id = p_user AND s.revoked_at IS NULL AND s.expires_at > now()
           AND s.created_at >= u.tokens_valid_after
         ORDER BY s.last_used_at DESC, s.id
      $$`);

    // Ends one of the user's own sessions, in whichever tenant; its tenant, or no row.
    await q.query(`
      CREATE FUNCTION app_revoke_own_session(p_user uuid, p_session uuid, p_reason text)
      RETURNS uuid
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        UPDATE public.auth_session SET revoked_at = now(), revoke_reason = p_reason
         WHERE id = p_session AND user_id = p_user AND revoked_at IS NULL
        RETURNING tenant_id
      $$`);

    await grantToRuntime(q, [
      'app_request_password_reset(text, bytea, integer, uuid, text, text, jsonb)',
      'app_password_reset_subject(bytea)',
      'app_reset_password(bytea, text)',
      'app_user_open_sessions(uuid)',
      'app_revoke_own_session(uuid, uuid, text)',
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of [
      'app_revoke_own_session(uuid, uuid, text)',
      'app_user_open_sessions(uuid)',
      'app_reset_password(bytea, text)',
      'app_password_reset_subject(bytea)',
      'app_request_password_reset(text, bytea, integer, uuid, text, text, jsonb)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`
      ALTER TABLE auth_session DROP COLUMN user_agent, DROP COLUMN ip, DROP COLUMN last_used_at`);
    await q.query(`DROP TABLE password_reset`);
    await q.query(`
      CREATE OR REPLACE FUNCTION app_user_memberships(p_user uuid)
      RETURNS TABLE (tenant_id uuid, slug text, name text, role text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        SELECT t.id, t.slug, t.name, m.role FROM public.membership m JOIN public.tenant t ON t.id = m.tenant_id
        WHERE m.user_id = p_user AND m.disabled_at IS NULL ORDER BY t.name
      $$`);
    await q.query(`DROP POLICY app_user_member_read ON app_user`);
    await q.query(`DROP POLICY app_user_member_update ON app_user`);
    await q.query(`
      CREATE POLICY app_user_member_read ON app_user FOR SELECT
      USING (EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id AND m.tenant_id = app_current_tenant()))`);
    await q.query(`
      CREATE POLICY app_user_member_update ON app_user FOR UPDATE
      USING (EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id AND m.tenant_id = app_current_tenant()))`);
    await q.query(`ALTER TABLE password_token DROP COLUMN purpose`);
    await q.query(`
      ALTER TABLE membership DROP CONSTRAINT membership_invitation_facts,
        DROP COLUMN invited_name, DROP COLUMN invited_email, DROP COLUMN status`);
  }
}
