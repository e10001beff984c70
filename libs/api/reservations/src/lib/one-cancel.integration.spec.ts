import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
  outboxMails,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { ReservationsModule } from './reservations.module';

/**
 * There is one cancel. Whoever cancels (the visitor with the cancel link, staff, or an
 * erase of a pending booking), the rows left behind are the same: the reservation
 * cancelled once, every token revoked by that cancellation, one `reservation.cancelled`
 * audit event saying by whom, the seats back in the pool; the visitor is mailed unless
 * the address is being erased.
 */
describe('one cancel for visitor, staff and erase (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let owner: Client;
  let tenantId: string;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, ReservationsModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        BOOKING_RATE_LIMIT_PER_MINUTE: '10000',
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '10000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '10000',
        STAFF_RATE_LIMIT_PER_MINUTE: '10000',
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      },
    });
    let tenants: Record<string, string>;
    ({ tenants, tokens } = await seedStaff(app, { stage: ['admin'] }));
    tenantId = tenants['stage'];
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 60_000);

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await db?.drop();
  });

  const post = (path: string, body: object) =>
    request(app.getHttpServer())
      .post(path)
      .set('Idempotency-Key', randomUUID())
      .send(body);
  const staff = () => staffAs(app, tokens['admin@stage']);
  const linkTo = async (email: string, path: string) => {
    const mails = await outboxMails(app, owner, email);
    return mails
      .map(
        (mail) => new RegExp(`${path}#t=([A-Za-z0-9_-]+)`).exec(mail.text)?.[1],
      )
      .find(Boolean) as string;
  };

  it('leaves the same rows behind whoever cancels', async () => {
    const show = await app.get(TenantContext).run(tenantId, async (m) => {
      const [room] = await m.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', 20) RETURNING id`,
        [tenantId],
      );
      const [row] = await m.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status)
         VALUES ($1, $2, 'Show', now() + interval '2 days', now() + interval '2 days 3 hours',
                 now() + interval '2 days' - interval '1 hour', 'open') RETURNING id`,
        [tenantId, room.id],
      );
      return row.id as string;
    });
    const emails = {
      visitor: 'visitor@example.test',
      staffConfirmed: 'staff.confirmed@example.test',
      staffPending: 'staff.pending@example.test',
      erase: 'erase.me@example.test',
    };
    for (const email of Object.values(emails)) {
      await post(`/api/public/performances/${show}/reservations`, {
        name: 'Guest',
        email,
        partySize: 2,
      }).expect(202);
    }
    for (const email of [emails.visitor, emails.staffConfirmed]) {
      await post('/api/public/reservations/confirm', {
        token: await linkTo(email, 'confirm'),
      }).expect(200);
    }
    const seats = async () =>
      (
        await request(app.getHttpServer())
          .get(`/api/public/performances/${show}`)
          .expect(200)
      ).body.seatsAvailable as number;
    expect(await seats()).toBe(16);
    const idOf = async (email: string) =>
      (
        await owner.query('SELECT id FROM reservation WHERE email = $1', [
          email,
        ])
      ).rows[0].id as string;
    const ids = {
      visitor: await idOf(emails.visitor),
      staffConfirmed: await idOf(emails.staffConfirmed),
      staffPending: await idOf(emails.staffPending),
      erase: await idOf(emails.erase),
    };

    await post('/api/public/reservations/cancel', {
      token: await linkTo(emails.visitor, 'cancel'),
    }).expect(200);
    await staff()
      .post(`/api/staff/reservations/${ids.staffConfirmed}/cancel`, {})
      .expect(200);
    await staff()
      .post(`/api/staff/reservations/${ids.staffPending}/cancel`, {})
      .expect(200);
    await staff()
      .post('/api/staff/privacy/erase', { email: emails.erase })
      .expect(200);

    expect(await seats()).toBe(20);
    const left = await owner.query(
      `SELECT r.id, r.status, r.cancelled_at IS NOT NULL AS cancelled,
              (SELECT bool_and(t.revoked_at = r.cancelled_at) FROM reservation_token t
                WHERE t.reservation_id = r.id) AS tokens_revoked_by_cancel,
              (SELECT count(*)::int FROM reservation_token t WHERE t.reservation_id = r.id) AS tokens,
              (SELECT array_agg(a.metadata->>'by') FROM audit_event a
                WHERE a.action = 'reservation.cancelled' AND a.target_id = r.id::text) AS cancelled_by
         FROM reservation r WHERE r.performance_id = $1`,
      [show],
    );
    const byId = new Map(left.rows.map((row) => [row.id, row]));
    const expected = (by: string, tokenCount: number) => ({
      status: 'cancelled',
      cancelled: true,
      tokens_revoked_by_cancel: true,
      tokens: tokenCount,
      cancelled_by: [by],
    });
    const shape = (id: string) => {
      const { id: _id, ...rest } = byId.get(id);
      return rest;
    };
    // Confirmed bookings hold confirm, check-in and cancel tokens; pending ones a confirm token.
    expect(shape(ids.visitor)).toEqual(expected('visitor', 3));
    expect(shape(ids.staffConfirmed)).toEqual(expected('staff', 3));
    expect(shape(ids.staffPending)).toEqual(expected('staff', 1));
    expect(shape(ids.erase)).toEqual(expected('erase', 1));

    // Each visitor hears of it, but the one whose address is being erased.
    for (const email of [
      emails.visitor,
      emails.staffConfirmed,
      emails.staffPending,
    ]) {
      const subjects = (await outboxMails(app, owner, email)).map(
        (mail) => mail.subject,
      );
      expect(subjects.filter((s) => /is cancelled/.test(s))).toHaveLength(1);
    }
    expect(
      (await outboxMails(app, owner, emails.erase)).filter((mail) =>
        /is cancelled/.test(mail.subject),
      ),
    ).toEqual([]);
  });
});
