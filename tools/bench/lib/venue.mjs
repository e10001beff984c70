// @ts-check
// Fixtures of the public-menu, door-rush and live-orders scenarios, written straight into
// the bench database by the owner role (the way demo:seed writes), plus small helpers.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../../scripts/lib.mjs';

/** @typedef {import('./types.mjs').Stack} Stack */

export const loadavg = () =>
  readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * `work` with a connection as the database owner role, closed afterwards.
 * @template T
 * @param {Stack} ctx
 * @param {(client: pg.Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withOwner(ctx, work) {
  const client = new pg.Client({ connectionString: ctx.ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** @param {pg.Client} client @returns {Promise<string>} */
export const demoTenantId = (client) =>
  client
    .query(`SELECT id FROM tenant WHERE slug = 'demo'`)
    .then(({ rows }) => rows[0].id);

/**
 * Tops the demo menu up to `total` available items, in two extra categories; returns the count.
 * @param {Stack} ctx
 * @param {number} total
 * @returns {Promise<number>}
 */
export function seedMenuItems(ctx, total) {
  return withOwner(ctx, async (client) => {
    const tenantId = await demoTenantId(client);
    const count = async () =>
      (
        await client.query(
          `SELECT count(*)::int AS n FROM menu_item WHERE tenant_id = $1 AND available`,
          [tenantId],
        )
      ).rows[0].n;
    const missing = total - (await count());
    /** @type {string[]} */
    const categories = [];
    for (const [i, name] of ['Kitchen specials', 'Wine list'].entries()) {
      const { rows } = await client.query(
        `INSERT INTO menu_category (tenant_id, name, position) VALUES ($1, $2, $3) RETURNING id`,
        [tenantId, name, 100 + i * 10],
      );
      categories.push(rows[0].id);
    }
    for (let i = 0; i < missing; i += 1) {
      await client.query(
        `INSERT INTO menu_item (tenant_id, category_id, name, description, price_cents, currency, allergens, position)
         VALUES ($1, $2, $3, $4, $5, 'EUR', $6, $7)`,
        [
          tenantId,
          categories[i % 2],
          `${i % 2 ? 'Glass of wine' : 'Seasonal plate'} no. ${i + 1}`,
          'Made for the bench: a line of description as long as a real menu has it.',
          500 + i * 25,
          i % 3 ? ['gluten', 'milk'] : [],
          (i + 1) * 10,
        ],
      );
    }
    return count();
  });
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const code = (/** @type {number} */ n) =>
  Array.from(randomBytes(n), (byte) => ALPHABET[byte % ALPHABET.length]).join(
    '',
  );

/**
 * A performance whose check-in window is open now and `count` confirmed reservations with
 * check-in tokens stored as the API stores them (HMAC-SHA256 with TOKEN_HASH_KEY over
 * `reservation:checkin\n<token>`). Returns the raw tokens.
 * @param {Stack} ctx
 * @param {number} count
 * @returns {Promise<{ tenantId: string, performanceId: string, tokens: string[], ownerId: string }>}
 */
export function seedDoorTickets(ctx, count) {
  return withOwner(ctx, async (client) => {
    const tenantId = await demoTenantId(client);
    const { rows: rooms } = await client.query(
      `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Bench hall', $2) RETURNING id`,
      [tenantId, count],
    );
    const { rows: performances } = await client.query(
      `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status)
       VALUES ($1, $2, 'Bench door rush', now() + interval '30 minutes', now() + interval '3 hours', now() - interval '30 minutes', 'closed')
       RETURNING id`,
      [tenantId, rooms[0].id],
    );
    const performanceId = performances[0].id;
    /** @type {string[]} */
    const ids = [];
    /** @type {string[]} */
    const tokens = [];
    /** @type {Buffer[]} */
    const hashes = [];
    /** @type {Set<string>} */
    const references = new Set();
    while (references.size < count) references.add(`${code(4)}-${code(4)}`);
    for (let i = 0; i < count; i += 1) {
      ids.push(randomUUID());
      const token = randomBytes(32).toString('base64url');
      tokens.push(token);
      hashes.push(
        createHmac('sha256', ctx.env.TOKEN_HASH_KEY)
          .update(`reservation:checkin\n${token}`)
          .digest(),
      );
    }
    await client.query(
      `INSERT INTO reservation (id, tenant_id, performance_id, reference, name, email, party_size, status, confirmed_at)
       SELECT id, $2, $3, ref, 'Bench guest', 'door-' || n || '@bench.localhost', 1 + n % 4, 'confirmed', now()
         FROM unnest($1::uuid[], $4::text[]) WITH ORDINALITY AS x(id, ref, n)`,
      [ids, tenantId, performanceId, [...references]],
    );
    await client.query(
      `INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose)
       SELECT h, $2, r, 'checkin' FROM unnest($1::bytea[], $3::uuid[]) AS x(h, r)`,
      [hashes, tenantId, ids],
    );
    await client.query('ANALYZE reservation, reservation_token');
    const { rows: owner } = await client.query(
      `SELECT u.id FROM app_user u JOIN membership m ON m.user_id = u.id
        WHERE m.tenant_id = $1 AND m.role = 'owner' ORDER BY u.email LIMIT 1`,
      [tenantId],
    );
    return { tenantId, performanceId, tokens, ownerId: owner[0].id };
  });
}

/**
 * Checked-in reservations and check-in audit events of a performance.
 * @param {Stack} ctx
 * @param {string} performanceId
 * @returns {Promise<{ checkedIn: number, audited: number }>}
 */
export function doorCounts(ctx, performanceId) {
  return withOwner(ctx, async (client) => {
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM reservation WHERE performance_id = $1 AND checked_in_at IS NOT NULL) AS "checkedIn",
              (SELECT count(*)::int FROM audit_event WHERE action = 'reservation.checked_in'
                  AND metadata->>'performanceId' = $1::text) AS audited`,
      [performanceId],
    );
    return rows[0];
  });
}

/**
 * Puts every ticket of the performance back to "not checked in" for the baseline run.
 * @param {Stack} ctx
 * @param {string} performanceId
 */
export function resetDoor(ctx, performanceId) {
  return withOwner(ctx, async (client) => {
    await client.query(
      `UPDATE reservation SET checked_in_at = NULL, checked_in_by = NULL, check_in_nonce = NULL WHERE performance_id = $1`,
      [performanceId],
    );
    await client.query('VACUUM ANALYZE reservation');
  });
}

/**
 * `count` more staff members of the demo tenant with `role`, sharing the demo owner's
 * password hash (so they log in with the demo password). Returns their emails.
 * @param {Stack} ctx
 * @param {number} count
 * @param {string} role
 */
export function seedStaff(ctx, count, role) {
  return withOwner(ctx, async (client) => {
    const tenantId = await demoTenantId(client);
    const emails = Array.from(
      { length: count },
      (_, i) => `bench-${role}-${i + 1}@demo.foyer.localhost`,
    );
    await client.query(
      `WITH owner AS (
         SELECT u.password_hash FROM app_user u JOIN membership m ON m.user_id = u.id
          WHERE m.tenant_id = $1 AND m.role = 'owner' AND u.password_hash IS NOT NULL LIMIT 1),
       users AS (
         INSERT INTO app_user (email, display_name, password_hash)
         SELECT e, 'Bench ' || $3, owner.password_hash FROM unnest($2::text[]) AS e, owner RETURNING id)
       INSERT INTO membership (tenant_id, user_id, role) SELECT $1, id, $3 FROM users`,
      [tenantId, emails, role],
    );
    return emails;
  });
}

/**
 * A child process (the menu baseline server) that prints `{port}` once listening.
 * @param {'menu-origin'} script
 * @param {import('../load/menu-origin.mjs').Args} args
 * @returns {Promise<import('../load/menu-origin.mjs').Result & { pid: number | undefined, stop: () => Promise<void> }>}
 */
export function startChild(script, args) {
  const child = spawn(
    process.execPath,
    [join(root, 'tools/bench/load', `${script}.mjs`), JSON.stringify(args)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`load/${script} exited (${code}) before listening`)),
    );
    child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        child.removeAllListeners('exit');
        resolve({
          ...JSON.parse(line),
          pid: child.pid,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
