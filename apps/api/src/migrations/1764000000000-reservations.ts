import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToRuntime, protectTenantTable } from './tenant-rls';

/**
 * Rooms, performances, reservations and their one-purpose tokens (stored only as keyed
 * hashes). Availability is recomputed from confirmed reservations inside the confirming
 * transaction, which holds the performance row lock; pending reservations hold no seats.
 */
export class Reservations1764000000000 implements MigrationInterface {
  name = 'Reservations1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE room (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(
      `CREATE INDEX room_tenant_name_idx ON room (tenant_id, name, id)`,
    );
    await protectTenantTable(q, 'room', 'SELECT, INSERT, UPDATE, DELETE');

    await q.query(`
      CREATE TABLE performance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        room_id uuid NOT NULL,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        check_in_opens_at timestamptz NOT NULL CHECK (check_in_opens_at <= ends_at),
        booking_opens_at timestamptz,
        booking_closes_at timestamptz,
        booking_status text NOT NULL DEFAULT 'closed' CHECK (booking_status IN ('open', 'closed', 'cancelled')),
        additional_seats integer NOT NULL DEFAULT 0 CHECK (additional_seats BETWEEN 0 AND 100000),
        manually_occupied_seats integer NOT NULL DEFAULT 0 CHECK (manually_occupied_seats BETWEEN 0 AND 100000),
        max_party_size integer NOT NULL DEFAULT 6 CHECK (max_party_size BETWEEN 1 AND 50),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (booking_closes_at IS NULL OR booking_opens_at IS NULL OR booking_closes_at > booking_opens_at),
        -- A performance can only point at a room of its own tenant.
        FOREIGN KEY (tenant_id, room_id) REFERENCES room (tenant_id, id),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(
      `CREATE INDEX performance_tenant_starts_idx ON performance (tenant_id, starts_at, id)`,
    );
    await protectTenantTable(q, 'performance', 'SELECT, INSERT, UPDATE');

    await q.query(`
      CREATE TABLE reservation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        performance_id uuid NOT NULL,
        reference text NOT NULL CHECK (reference ~ '^[A-Z0-9]{4}-[A-Z0-9]{4}$'),
        name text NOT NULL CHECK (char_length(name) <= 120),
        email text NOT NULL CHECK (char_length(email) <= 254),
        phone text CHECK (char_length(phone) <= 32),
        notes text CHECK (char_length(notes) <= 500),
        party_size integer NOT NULL CHECK (party_size BETWEEN 1 AND 50),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        cancelled_at timestamptz,
        checked_in_at timestamptz,
        checked_in_by uuid,
        check_in_nonce text,
        anonymised_at timestamptz,
        FOREIGN KEY (tenant_id, performance_id) REFERENCES performance (tenant_id, id),
        UNIQUE (tenant_id, reference)
      )`);
    await q.query(
      `CREATE INDEX reservation_performance_status_idx ON reservation (performance_id, status) INCLUDE (party_size)`,
    );
    await q.query(
      `CREATE INDEX reservation_tenant_email_idx ON reservation (tenant_id, lower(email))`,
    );
    await protectTenantTable(q, 'reservation', 'SELECT, INSERT, UPDATE');

    await q.query(`
      CREATE TABLE reservation_token (
        token_hash bytea PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        reservation_id uuid NOT NULL REFERENCES reservation (id),
        purpose text NOT NULL CHECK (purpose IN ('confirm', 'checkin', 'cancel')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX reservation_token_reservation_idx ON reservation_token (reservation_id, purpose)`,
    );
    await protectTenantTable(q, 'reservation_token', 'SELECT, INSERT, UPDATE');

    // Public entry points hold a performance id or a token: each learns only a tenant id.
    await q.query(`
      CREATE FUNCTION app_performance_tenant(p_id uuid) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT tenant_id FROM public.performance WHERE id = p_id $$`);
    await q.query(`
      CREATE FUNCTION app_reservation_token_tenant(p_hash bytea) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT tenant_id FROM public.reservation_token WHERE token_hash = p_hash $$`);
    await grantToRuntime(q, [
      'app_performance_tenant(uuid)',
      'app_reservation_token_tenant(bytea)',
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_reservation_token_tenant(bytea)`);
    await q.query(`DROP FUNCTION app_performance_tenant(uuid)`);
    for (const table of [
      'reservation_token',
      'reservation',
      'performance',
      'room',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
