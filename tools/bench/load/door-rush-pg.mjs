// @ts-check
// The door-rush baseline, no HTTP: the same scanners and re-scanners run the check-in
// service's statements straight through `pg` as the runtime role under row-level security,
// on a pool as large as the API's: one transaction that sets the tenant, looks the ticket up
// by its keyed hash and admits it with the same conditional UPDATE … RETURNING.
// Args: {databaseUrl, poolSize, tenantId, staffId, tokenHashKey, ticketsFile, performanceId, scanners, rescanners}
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { Violations, finish, readArgs, summarize } from './load-kit.mjs';

/**
 * @typedef {{ databaseUrl: string, poolSize?: number, tenantId: string, staffId: string, tokenHashKey: string, ticketsFile: string, performanceId: string, scanners?: number, rescanners?: number }} Args
 * @typedef {typeof summary} Result
 */

/** @type {Args} */
const {
  databaseUrl,
  poolSize = 10,
  tenantId,
  staffId,
  tokenHashKey,
  ticketsFile,
  performanceId,
  scanners = 50,
  rescanners = 10,
} = readArgs();
/** @type {string[]} */
const tickets = JSON.parse(readFileSync(ticketsFile, 'utf8'));
const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
const admitted = new Uint16Array(tickets.length);
const violations = new Violations();
const outcomes = { admitted: 0, already: 0 };

const hash = (/** @type {string} */ token) =>
  createHmac('sha256', tokenHashKey)
    .update(`reservation:checkin\n${token}`)
    .digest();

/** @param {number} index the ticket @param {string} nonce */
async function confirm(index, nonce) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [
      tenantId,
    ]);
    const { rows } = await client.query(
      `SELECT r.id, r.reference, r.status, r.party_size, r.performance_id, r.checked_in_at, r.check_in_nonce,
              p.title, p.starts_at, p.ends_at, p.check_in_opens_at, now() AS now
         FROM reservation_token t
         JOIN reservation r ON r.id = t.reservation_id AND r.tenant_id = t.tenant_id
         JOIN performance p ON p.id = r.performance_id
        WHERE t.token_hash = $1 AND t.purpose = 'checkin' AND t.tenant_id = $2
          AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [hash(tickets[index]), tenantId],
    );
    const ticket = rows[0];
    if (!ticket || ticket.performance_id !== performanceId) {
      violations.add({ kind: 'lookup' });
    } else if (ticket.checked_in_at === null) {
      const won = await client.query(
        `UPDATE reservation SET checked_in_at = now(), checked_in_by = $2, check_in_nonce = $3
          WHERE id = $1 AND status = 'confirmed' AND checked_in_at IS NULL
          RETURNING checked_in_at`,
        [ticket.id, staffId, nonce],
      );
      if (won.rowCount === 1) {
        admitted[index] += 1;
        outcomes.admitted += 1;
      } else {
        outcomes.already += 1;
      }
    } else {
      outcomes.already += 1;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    violations.add({
      kind: 'error',
      code: error instanceof Error && 'code' in error ? error.code : undefined,
    });
  } finally {
    client.release();
  }
}

let cursor = 0;
let scans = 0;
let admitting = true;
/** @type {number[]} */
const admitLatencies = [];
/** @type {number[]} */
const rescanLatencies = [];
/** @param {number} index @param {number[]} latencies */
async function timed(index, latencies) {
  const start = performance.now();
  await confirm(index, `bench-${++scans}`);
  latencies.push(performance.now() - start);
}
async function scanner() {
  while (cursor < tickets.length) {
    await timed(cursor++, admitLatencies);
  }
}
async function rescanner() {
  while (admitting) {
    await timed(
      Math.max(0, cursor - 1 - Math.floor(Math.random() * scanners * 2)),
      rescanLatencies,
    );
  }
}

// Warm the pool, as the API's pool is warm by the time its run starts.
await Promise.all(
  Array.from({ length: poolSize }, () => pool.query('SELECT 1')),
);
const started = performance.now();
const rescanning = Promise.all(Array.from({ length: rescanners }, rescanner));
await Promise.all(Array.from({ length: scanners }, scanner));
const seconds = (performance.now() - started) / 1000;
admitting = false;
await rescanning;
await pool.end();

let twice = 0;
let never = 0;
for (const count of admitted) {
  if (count > 1) twice += 1;
  if (count === 0) never += 1;
}
const confirms = admitLatencies.length + rescanLatencies.length;
const summary = {
  tickets: tickets.length,
  confirms,
  admitted: outcomes.admitted,
  already: outcomes.already,
  admittedTwice: twice,
  neverAdmitted: never,
  durationSec: Math.round(seconds * 100) / 100,
  confirmsPerSec: Math.round(confirms / seconds),
  admitsPerSec: Math.round(tickets.length / seconds),
  latencyMs: summarize([...admitLatencies, ...rescanLatencies]),
  scannerLatencyMs: summarize(admitLatencies),
  rescannerLatencyMs: summarize(rescanLatencies),
  violations: violations.toJSON(),
};
finish(summary);
