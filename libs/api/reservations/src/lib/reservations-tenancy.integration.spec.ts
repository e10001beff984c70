import { INestApplication } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PerformanceRepository } from './performance.repository';
import { ReservationTokenRepository } from './reservation-token.repository';
import { ReservationRepository } from './reservation.repository';
import { ReservationsCoreModule } from './reservations-core.module';

/**
 * The application's own tenant scoping, without row-level security: this app connects as
 * a superuser (`bypassRlsUrl`), so only each statement's `tenant_id = $1` keeps tenant B's
 * rows out of tenant A's work. Every repository method runs in A with B's ids; nothing
 * of B may be read, and B's rows are exactly as they were afterwards.
 */
const STAFF_ID = '00000000-0000-4000-8000-000000000001';

describe('reservation repositories name the tenant in every statement (RLS bypassed)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Client;
  let a: string;
  let b: string;
  const theirs = {
    performance: '',
    confirmed: '',
    pending: '',
    email: 'b.visitor@example.test',
    hash: randomBytes(32),
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [ReservationsCoreModule],
      env: { DATABASE_URL: db.bypassRlsUrl },
    });
    admin = new Client({ connectionString: db.bypassRlsUrl });
    await admin.connect();
    a = await createTenantRow(app, 'alpha', 'Alpha');
    b = await createTenantRow(app, 'bravo', 'Bravo');
    for (const tenant of [a, b]) {
      const [{ id: room }] = (
        await admin.query(
          `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', 50) RETURNING id`,
          [tenant],
        )
      ).rows;
      const [{ id: show }] = (
        await admin.query(
          `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status)
           VALUES ($1, $2, 'Show', now() - interval '400 days', now() - interval '399 days',
                   now() - interval '401 days', 'open') RETURNING id`,
          [tenant, room],
        )
      ).rows;
      const insert = (status: string, reference: string) =>
        admin.query(
          `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, party_size, status, confirmed_at, checked_in_at)
           VALUES ($1, $2, $3, 'B Visitor', $4, 2, $5,
                   CASE WHEN $5 = 'confirmed' THEN now() END, CASE WHEN $5 = 'confirmed' THEN now() END)
           RETURNING id`,
          [tenant, show, reference, theirs.email, status],
        );
      const confirmed = (await insert('confirmed', 'CONF-AAAA')).rows[0].id;
      const pending = (await insert('pending', 'PEND-AAAA')).rows[0].id;
      if (tenant === b) {
        Object.assign(theirs, { performance: show, confirmed, pending });
        await admin.query(
          `INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose) VALUES ($1, $2, $3, 'checkin')`,
          [theirs.hash, b, confirmed],
        );
      }
    }
  });

  afterAll(async () => {
    await admin?.end();
    await app?.close();
    await db?.drop();
  });

  const snapshotOfB = async () => ({
    reservations: (
      await admin.query(
        'SELECT * FROM reservation WHERE tenant_id = $1 ORDER BY id',
        [b],
      )
    ).rows,
    tokens: (
      await admin.query(
        'SELECT * FROM reservation_token WHERE tenant_id = $1 ORDER BY token_hash',
        [b],
      )
    ).rows,
    performances: (
      await admin.query(
        'SELECT * FROM performance WHERE tenant_id = $1 ORDER BY id',
        [b],
      )
    ).rows,
  });

  it('runs on a connection row-level security does not restrict', async () => {
    const { rows } = await admin.query(
      'SELECT count(DISTINCT tenant_id)::int AS n FROM reservation',
    );
    expect(rows[0].n).toBe(2);
  });

  it('reads and changes nothing of tenant B from tenant A', async () => {
    const before = await snapshotOfB();
    const reservations = app.get(ReservationRepository);
    const tokens = app.get(ReservationTokenRepository);
    const performances = app.get(PerformanceRepository);
    await app.get(TenantContext).run(a, async () => {
      expect(await reservations.find(theirs.confirmed)).toBeNull();
      expect(await reservations.lock(theirs.confirmed)).toBeNull();
      expect(await reservations.page(theirs.performance, {}, 10)).toEqual([]);
      expect(
        await reservations.page(
          theirs.performance,
          { status: 'confirmed', search: 'B Visitor' },
          10,
        ),
      ).toEqual([]);
      // A's own reservations of this address only (A has one pair too, same address).
      const mine = await reservations.ofEmail(theirs.email);
      expect(mine.map((r) => r.reservation.id)).not.toContain(theirs.confirmed);
      const locked = await reservations.lockOfEmail(theirs.email);
      expect(locked.map((r) => r.id)).not.toContain(theirs.pending);
      expect(await reservations.markConfirmed(theirs.pending)).toBe(false);
      expect(await reservations.markCancelled(theirs.confirmed)).toBeNull();
      expect(
        await reservations.markCheckedIn(theirs.pending, STAFF_ID, null),
      ).toBeNull();
      expect(await reservations.clearCheckIn(theirs.confirmed)).toBe(false);
      expect(
        await reservations.anonymise([theirs.confirmed, theirs.pending]),
      ).toBe(0);
      expect(await reservations.confirmationFacts(theirs.pending)).toBeNull();
      expect(await reservations.doorCounts(theirs.performance)).toBeNull();
      // Retention over A: B's long-ended show is B's business.
      await reservations.anonymiseEndedBefore(1);

      expect(await tokens.resolve(theirs.hash, 'checkin')).toBeNull();
      expect(await tokens.revoke([theirs.confirmed], ['checkin'])).toBe(0);
      // The foreign key alone would accept A's token for B's reservation.
      expect(
        await tokens.insert(
          [{ hash: randomBytes(32), purpose: 'cancel', expiresAt: null }],
          theirs.confirmed,
        ),
      ).toBe(0);

      expect(await performances.lockForUpdate(theirs.performance)).toBeNull();
    });
    expect(await snapshotOfB()).toEqual(before);
  });

  it('refuses, in the database too, a child row of A that points at B’s parent', async () => {
    await expect(
      admin.query(
        `INSERT INTO reservation_token (token_hash, tenant_id, reservation_id, purpose) VALUES ($1, $2, $3, 'cancel')`,
        [randomBytes(32), a, theirs.confirmed],
      ),
    ).rejects.toMatchObject({ code: '23503' });
    const [{ id: userId }] = (
      await admin.query(
        `INSERT INTO app_user (email, display_name) VALUES ('walk@example.test', 'Walk') RETURNING id`,
      )
    ).rows;
    const [{ id: sessionOfB }] = (
      await admin.query(
        `INSERT INTO auth_session (tenant_id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day') RETURNING id`,
        [b, userId],
      )
    ).rows;
    await expect(
      admin.query(
        `INSERT INTO refresh_token (token_hash, session_id, tenant_id, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`,
        [randomBytes(32), sessionOfB, a],
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('answers the tenant-free lookups with B’s own tenant, and nothing else', async () => {
    expect(
      await app.get(ReservationTokenRepository).tenantOf(theirs.hash),
    ).toBe(b);
    expect(
      await app.get(PerformanceRepository).tenantOf(theirs.performance),
    ).toBe(b);
  });
});
