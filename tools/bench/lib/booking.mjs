// @ts-check
// Booking-rush fixtures shared by the booking-rush and slow-mail scenarios: a performance
// with `seats` seats and `attempts` pending 1-seat reservations, each with a confirmation
// token stored exactly as the API stores it (HMAC-SHA256 with TOKEN_HASH_KEY over
// `reservation:confirm\n<token>`), inserted in bulk by the database owner role.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { load, percentile } from '../harness.mjs';

/** @typedef {import('./types.mjs').Stack} Stack */

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const code = (/** @type {number} */ n) =>
  Array.from(randomBytes(n), (byte) => ALPHABET[byte % ALPHABET.length]).join(
    '',
  );

/**
 * @typedef {{ seats: number, attempts: number, label: string }} Rush
 * `attempts` 1-seat confirmations for `seats` seats; `label` names its room, performance and guests
 */

/**
 * Creates the room, the open performance and the pending reservations; returns the raw tokens.
 * @param {Stack} ctx
 * @param {Rush} rush
 * @returns {Promise<{ tenantId: string, performanceId: string, tokens: string[] }>}
 */
export async function seedRush(ctx, { seats, attempts, label }) {
  const client = new pg.Client({ connectionString: ctx.ownerUrl });
  await client.connect();
  try {
    const [{ id: tenantId }] = (
      await client.query(`SELECT id FROM tenant WHERE slug = 'demo'`)
    ).rows;
    const [{ id: roomId }] = (
      await client.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, $2, $3) RETURNING id`,
        [tenantId, `Bench ${label}`, seats],
      )
    ).rows;
    const [{ id: performanceId }] = (
      await client.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status, max_party_size)
         VALUES ($1, $2, $3, now() + interval '7 days', now() + interval '7 days 3 hours', now() + interval '7 days' - interval '1 hour', 'open', 6)
         RETURNING id`,
        [tenantId, roomId, `Bench rush ${label}`],
      )
    ).rows;
    /** @type {string[]} */
    const ids = [];
    /** @type {Set<string>} */
    const references = new Set();
    /** @type {string[]} */
    const tokens = [];
    /** @type {Buffer[]} */
    const hashes = [];
    while (references.size < attempts) references.add(`${code(4)}-${code(4)}`);
    for (let i = 0; i < attempts; i += 1) {
      ids.push(randomUUID());
      const token = randomBytes(32).toString('base64url');
      tokens.push(token);
      hashes.push(
        createHmac('sha256', ctx.env.TOKEN_HASH_KEY)
          .update(`reservation:confirm\n${token}`)
          .digest(),
      );
    }
    await client.query(
      `INSERT INTO reservation (id, tenant_id, performance_id, reference, name, email, party_size)
       SELECT id, $2, $3, ref, 'Bench guest', 'guest-' || $5 || '-' || n || '@bench.localhost', 1
         FROM unnest($1::uuid[], $4::text[]) WITH ORDINALITY AS x(id, ref, n)`,
      [ids, tenantId, performanceId, [...references], label],
    );
    await client.query(
      `INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose, expires_at)
       SELECT h, $2, r, 'confirm', now() + interval '1 day' FROM unnest($1::bytea[], $3::uuid[]) AS x(h, r)`,
      [hashes, tenantId, ids],
    );
    return { tenantId, performanceId, tokens };
  } finally {
    await client.end();
  }
}

/**
 * Confirmed seats and reservations of a performance, straight from the database.
 * @param {Stack} ctx
 * @param {string} performanceId
 * @returns {Promise<{ reservations: number, seats: number }>}
 */
export async function confirmedCounts(ctx, performanceId) {
  const client = new pg.Client({ connectionString: ctx.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS reservations, COALESCE(sum(party_size), 0)::int AS seats
         FROM reservation WHERE performance_id = $1 AND status = 'confirmed'`,
      [performanceId],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * One rush through the public API (load/confirm-rush.mjs); checks exact counts.
 * @param {Stack} ctx
 * @param {Rush & { apiUrl?: string }} rush
 */
export async function apiRush(
  ctx,
  { seats, attempts, label, apiUrl = ctx.apiUrls[0] },
) {
  const { performanceId, tokens } = await seedRush(ctx, {
    seats,
    attempts,
    label,
  });
  const result = await load('confirm-rush', {
    url: `${apiUrl}/api/public/reservations/confirm`,
    origin: ctx.origin,
    tokens,
  });
  const db = await confirmedCounts(ctx, performanceId);
  const checks = {
    exactlySold: db.reservations === seats && db.seats === seats,
    noOversell: db.seats <= seats,
    confirmed200: result.confirmed === seats,
    soldOut409: result.soldOut === attempts - seats,
    no5xx: result.serverErrors === 0,
    noOther: result.other === 0 && result.errors === 0,
  };
  return {
    performanceId,
    result,
    db,
    checks,
    correct: Object.values(checks).every(Boolean),
    p95: percentile(result.latencies, 95),
  };
}

/**
 * Email addresses of the confirmed reservations of a performance.
 * @param {Stack} ctx
 * @param {string} performanceId
 * @returns {Promise<string[]>}
 */
export async function confirmedEmails(ctx, performanceId) {
  const client = new pg.Client({ connectionString: ctx.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT email FROM reservation WHERE performance_id = $1 AND status = 'confirmed'`,
      [performanceId],
    );
    return rows.map((row) => row.email);
  } finally {
    await client.end();
  }
}
