// @ts-check
// Booking-rush baseline without HTTP: the same token lookup, performance row lock,
// availability recompute and update as BookingService.confirm, through `pg` as the runtime
// role under row-level security, all attempts at once over a pool of the API's size.
// argv[2]: {databaseUrl, poolSize, tenantId, tokenHashKey, tokens}
// Prints {seconds, rps, confirmed, soldOut, other, latencies}.
import { createHmac } from 'node:crypto';
import pg from 'pg';

/**
 * @typedef {{ databaseUrl: string, poolSize: number, tenantId: string, tokenHashKey: string, tokens: string[] }} Args
 * @typedef {typeof summary} Result
 */

/** @type {Args} */
const { databaseUrl, poolSize, tenantId, tokenHashKey, tokens } = JSON.parse(
  process.argv[2],
);
const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
const counts = { confirmed: 0, soldOut: 0, other: 0 };
/** @type {number[]} */
const latencies = [];

async function confirm(/** @type {string} */ token) {
  const hash = createHmac('sha256', tokenHashKey)
    .update(`reservation:confirm\n${token}`)
    .digest();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [
      tenantId,
    ]);
    const {
      rows: [found],
    } = await client.query(
      `SELECT r.id, r.performance_id, r.party_size FROM reservation_token t JOIN reservation r ON r.id = t.reservation_id
        WHERE t.token_hash = $1 AND t.purpose = 'confirm' AND t.revoked_at IS NULL`,
      [hash],
    );
    await client.query('SELECT 1 FROM performance WHERE id = $1 FOR UPDATE', [
      found.performance_id,
    ]);
    const {
      rows: [current],
    } = await client.query(
      'SELECT status FROM reservation WHERE id = $1 FOR UPDATE',
      [found.id],
    );
    const {
      rows: [seats],
    } = await client.query(
      `SELECT r.capacity + p.additional_seats - p.manually_occupied_seats
              - COALESCE((SELECT sum(party_size) FROM reservation x WHERE x.performance_id = p.id AND x.status = 'confirmed'), 0)::int AS available
         FROM performance p JOIN room r ON r.id = p.room_id WHERE p.id = $1`,
      [found.performance_id],
    );
    if (current.status !== 'pending') {
      counts.other += 1;
    } else if (seats.available >= found.party_size) {
      await client.query(
        `UPDATE reservation SET status = 'confirmed', confirmed_at = now() WHERE id = $1`,
        [found.id],
      );
      counts.confirmed += 1;
    } else {
      counts.soldOut += 1;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const started = performance.now();
await Promise.all(
  tokens.map(async (token) => {
    const sent = performance.now();
    await confirm(token);
    latencies.push(performance.now() - sent);
  }),
);
const seconds = (performance.now() - started) / 1000;
await pool.end();
const summary = { seconds, rps: tokens.length / seconds, ...counts, latencies };
process.stdout.write(`${JSON.stringify(summary)}\n`);
