import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import { RealtimeModule } from '@foyer/api/realtime';
import { ReservationTokens } from '@foyer/api/reservations';
import {
  TestDatabase,
  burst,
  createTestApps,
  createTestDatabase,
  tally,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CheckInModule } from './check-in.module';

const HOUR = 3_600_000;
const BURST = 40;
/** Four door staff, each scanning on both instances. */
const DOOR = ['host@alpha', 'manager@alpha', 'admin@alpha', 'owner@alpha'];

/**
 * Admission is once-only however many scanners, door staff and API instances present the
 * same ticket at once. The staff rate limit is far above the burst, so what bounds the
 * result is the check-in's own guard.
 */
describe('check-in under bursts over two instances (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let apps: INestApplication[];
  let owner: Client;
  let tenantId: string;
  let tokens: Record<string, string>;

  // Two instances boot here (and the template database on a first run): allow more than 30 s.
  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await createTestApps(db, 2, {
      imports: [AuditModule, AuthModule, RealtimeModule, CheckInModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        STAFF_RATE_LIMIT_PER_MINUTE: '100000',
        DATABASE_POOL_SIZE: '20',
      },
    });
    let tenants: Record<string, string>;
    ({ tenants, tokens } = await seedStaff(apps[0], {
      alpha: ['host', 'manager', 'admin', 'owner'],
    }));
    tenantId = tenants['alpha'];
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 90_000);

  afterAll(async () => {
    await owner?.end();
    await Promise.all((apps ?? []).map((app) => app.close()));
    await db?.drop();
  });

  /** A confirmed party of three at a performance whose door is open, and its check-in token. */
  async function ticket(): Promise<{
    id: string;
    performanceId: string;
    checkin: string;
  }> {
    return apps[0].get(TenantContext).run(tenantId, async (m) => {
      const [room] = await m.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', 100) RETURNING id`,
        [tenantId],
      );
      const [perf] = await m.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status)
         VALUES ($1, $2, 'Hamlet', $3, $4, $5, 'open') RETURNING id`,
        [
          tenantId,
          room.id,
          new Date(Date.now() + HOUR),
          new Date(Date.now() + 3 * HOUR),
          new Date(Date.now() - HOUR),
        ],
      );
      const reference =
        `${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 4)}`.toUpperCase();
      const [row] = await m.query(
        `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, party_size, status, confirmed_at)
         VALUES ($1, $2, $3, 'Ada Lovelace', 'ada@example.test', 3, 'confirmed', now()) RETURNING id`,
        [tenantId, perf.id, reference],
      );
      return {
        id: row.id as string,
        performanceId: perf.id as string,
        checkin: await apps[0]
          .get(ReservationTokens)
          .issue(row.id, 'checkin', null),
      };
    });
  }

  const staffId = async (who: string) =>
    (
      await owner.query('SELECT id FROM app_user WHERE email = $1', [
        `${who}.test`,
      ])
    ).rows[0].id as string;
  const stored = async (reservationId: string) =>
    (
      await owner.query(
        'SELECT checked_in_at, checked_in_by, check_in_nonce FROM reservation WHERE id = $1',
        [reservationId],
      )
    ).rows[0] as {
      checked_in_at: Date | null;
      checked_in_by: string | null;
      check_in_nonce: string | null;
    };
  const audits = async (reservationId: string) =>
    (
      await owner.query(
        `SELECT actor_id FROM audit_event WHERE action = 'reservation.checked_in' AND target_id = $1`,
        [reservationId],
      )
    ).rows as { actor_id: string }[];

  // Guard: CheckInService.confirm admits with a conditional UPDATE (`… WHERE id = $1 AND
  // status = 'confirmed' AND checked_in_at IS NULL RETURNING …`). Concurrent scans queue on
  // the reservation's row lock and, once the first commits, re-evaluate the condition,
  // find checked_in_at set and update nothing; they then read the winner's time and answer
  // ALREADY_CHECKED_IN. Without the condition every scan would admit the party again, each
  // with its own audit row and a later checked_in_at.
  it(`admits a ticket once when four door staff scan it ${BURST}× at once over two instances`, async () => {
    const t = await ticket();
    const who = (i: number) => DOOR[Math.floor(i / 2) % DOOR.length];
    const answers = await burst(apps, BURST, (app, i) =>
      staffAs(app, tokens[who(i)]).post('/api/staff/check-in/confirm', {
        token: t.checkin,
        performanceId: t.performanceId,
        nonce: `scanner-${i}-${randomUUID()}`,
      }),
    );
    expect(tally(answers)).toEqual({
      '200': 1,
      '409 ALREADY_CHECKED_IN': BURST - 1,
    });
    const won = answers.findIndex((res) => res.status === 200);
    const winner = answers[won].body;
    expect(winner).toMatchObject({
      state: 'CHECKED_IN',
      reservation: { partySize: 3, performance: { id: t.performanceId } },
      checkedInAt: expect.any(String),
    });
    for (const res of answers.filter((r) => r.status === 409)) {
      expect(res.body.checkedInAt).toBe(winner.checkedInAt);
    }

    // Set once, by the winner, audited once.
    const row = await stored(t.id);
    expect(row.checked_in_at?.toISOString()).toBe(winner.checkedInAt);
    const winnerId = await staffId(who(won));
    expect(row.checked_in_by).toBe(winnerId);
    expect(await audits(t.id)).toEqual([{ actor_id: winnerId }]);

    // A later scan on either instance is refused with the same time.
    for (const app of apps) {
      const late = await staffAs(app, tokens['host@alpha'])
        .post('/api/staff/check-in/confirm', { token: t.checkin })
        .expect(409);
      expect(late.body).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        checkedInAt: winner.checkedInAt,
      });
    }
    expect(await audits(t.id)).toHaveLength(1);
  });

  // The same guard, with the contract's retry: one scanner's scan (one nonce) retried
  // 40× at once over both instances. Every retry gets the first 200 back, and still only
  // one of them admitted the party.
  it(`admits once and answers every retry of one scan (one nonce) ${BURST}× at once with the first 200`, async () => {
    const t = await ticket();
    const nonce = `scanner-${randomUUID()}`;
    const answers = await burst(apps, BURST, (app) =>
      staffAs(app, tokens['host@alpha']).post('/api/staff/check-in/confirm', {
        token: t.checkin,
        performanceId: t.performanceId,
        nonce,
      }),
    );
    expect(tally(answers)).toEqual({ '200': BURST });
    const times = new Set(answers.map((res) => res.body.checkedInAt));
    expect(times.size).toBe(1);
    const row = await stored(t.id);
    expect(row.check_in_nonce).toBe(nonce);
    expect(row.checked_in_at?.toISOString()).toBe([...times][0]);
    expect(await audits(t.id)).toEqual([
      { actor_id: await staffId('host@alpha') },
    ]);
    // Another scanner's nonce is a second admission attempt: refused.
    const other = await staffAs(apps[1], tokens['manager@alpha'])
      .post('/api/staff/check-in/confirm', {
        token: t.checkin,
        nonce: `scanner-${randomUUID()}`,
      })
      .expect(409);
    expect(other.body.code).toBe('ALREADY_CHECKED_IN');
  });
});
