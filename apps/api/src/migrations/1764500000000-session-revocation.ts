import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToRuntime } from './tenant-rls';

/**
 * Revocation that reaches every tenant. A user is global but each of their sessions lives
 * under its own tenant's RLS scope, so a request scoped to tenant A cannot see, let alone
 * end, the user's session in tenant B. `app_revoke_user_sessions` ends every open session
 * of one user in every tenant and moves `tokens_valid_after` forward to this transaction's
 * start (never backwards), so a session a concurrent transaction is still creating is
 * refused too (sessions are compared by `created_at`, with the database's microseconds).
 * It returns the ended sessions (id and tenant), so the caller can audit them and close
 * their sockets; it reveals nothing else and only the runtime group may call it.
 */
export class SessionRevocation1764500000000 implements MigrationInterface {
  name = 'SessionRevocation1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_revoke_user_sessions(p_user uuid, p_reason text)
      RETURNS TABLE (session_id uuid, tenant_id uuid)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
      BEGIN
        UPDATE public.app_user SET tokens_valid_after = greatest(tokens_valid_after, now())
         WHERE id = p_user;
        RETURN QUERY
          UPDATE public.auth_session s SET revoked_at = now(), revoke_reason = p_reason
           WHERE s.user_id = p_user AND s.revoked_at IS NULL
          RETURNING s.id, s.tenant_id;
      END
      $$`);
    await grantToRuntime(q, ['app_revoke_user_sessions(uuid, text)']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_revoke_user_sessions(uuid, text)`);
  }
}
