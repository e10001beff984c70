import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  burst,
  createTestApps,
  createTestDatabase,
  outboxMails,
  tally,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { BookingService } from './booking.service';
import { ReservationsModule } from './reservations.module';

const BURST = 40;

/**
 * The once-only reservation transitions against a burst of the same request spread over
 * two API instances sharing the database and Redis: a confirmation link, a sold-out rush,
 * the visitor's cancel link, and staff cancel (with distinct and with one Idempotency-Key).
 * Every rate limit is far above the burst, so each bound comes from the transition itself.
 */
describe('once-only reservation transitions under bursts over two instances (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let apps: INestApplication[];
  let owner: Client;
  let tenantId: string;
  let tokens: Record<string, string>;
  let seq = 0;

  // Two instances boot here (and the template database on a first run): allow more than 30 s.
  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await createTestApps(db, 2, {
      imports: [AuditModule, AuthModule, ReservationsModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        BOOKING_RATE_LIMIT_PER_MINUTE: '100000',
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '100000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '100000',
        STAFF_RATE_LIMIT_PER_MINUTE: '100000',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        DATABASE_POOL_SIZE: '20',
      },
    });
    let tenants: Record<string, string>;
    ({ tenants, tokens } = await seedStaff(apps[0], {
      stage: ['manager', 'admin'],
    }));
    tenantId = tenants['stage'];
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 90_000);

  afterAll(async () => {
    await owner?.end();
    await Promise.all((apps ?? []).map((app) => app.close()));
    await db?.drop();
  });

  const http = (app: INestApplication) => request(app.getHttpServer());
  const publicPost = (app: INestApplication, path: string, body: object) =>
    http(app).post(path).set('Idempotency-Key', randomUUID()).send(body);
  const count = async (sql: string, params: unknown[]) =>
    (await owner.query(sql, params)).rows[0].n as number;
  const seatsAvailable = async (performanceId: string) =>
    (
      await http(apps[1])
        .get(`/api/public/performances/${performanceId}`)
        .expect(200)
    ).body.seatsAvailable as number;
  const audits = (action: string, reservationId: string) =>
    count(
      'SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND target_id = $2',
      [action, reservationId],
    );
  const confirmedSeats = (performanceId: string) =>
    count(
      `SELECT COALESCE(sum(party_size), 0)::int AS n FROM reservation WHERE performance_id = $1 AND status = 'confirmed'`,
      [performanceId],
    );

  async function performance(capacity: number): Promise<string> {
    return apps[0].get(TenantContext).run(tenantId, async (m) => {
      const [room] = await m.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', $2) RETURNING id`,
        [tenantId, capacity],
      );
      const [row] = await m.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status, max_party_size)
         VALUES ($1, $2, 'Show', $3, $4, $5, 'open', 6) RETURNING id`,
        [
          tenantId,
          room.id,
          new Date(Date.now() + 86_400_000),
          new Date(Date.now() + 90_000_000),
          new Date(Date.now() + 82_800_000),
        ],
      );
      return row.id as string;
    });
  }

  const uniqueEmail = (what: string) => {
    seq += 1;
    return `${what}-${seq}-${randomUUID().slice(0, 8)}@burst.test`;
  };

  /** A pending booking and the confirmation token its email carries. */
  async function book(
    performanceId: string,
    partySize: number,
    email = uniqueEmail('v'),
  ): Promise<{ email: string; confirm: string }> {
    await apps[0]
      .get(BookingService)
      .book(performanceId, { name: 'Visitor', email, partySize });
    const text = (await outboxMails(apps[0], owner, email))[0].text;
    const confirm = (/\/confirm#t=([A-Za-z0-9_-]+)/.exec(text) ??
      [])[1] as string;
    expect(confirm).toEqual(expect.any(String));
    return { email, confirm };
  }

  const ticketMails = async (email: string) =>
    (await outboxMails(apps[0], owner, email)).filter((m) =>
      m.subject.startsWith('Your ticket'),
    );

  /** A confirmed booking: its id and the cancel link from its ticket email. */
  async function confirmedBooking(performanceId: string, partySize: number) {
    const { email, confirm } = await book(performanceId, partySize);
    await publicPost(apps[0], '/api/public/reservations/confirm', {
      token: confirm,
    }).expect(200);
    const text = (await ticketMails(email))[0].text;
    const cancel = (/\/cancel#t=([A-Za-z0-9_-]+)/.exec(text) ??
      [])[1] as string;
    expect(cancel).toEqual(expect.any(String));
    const id = (
      await owner.query('SELECT id FROM reservation WHERE email = $1', [email])
    ).rows[0].id as string;
    return { id, email, cancel };
  }

  describe('confirmation link', () => {
    // Guard: BookingService.confirm takes the performance row `FOR UPDATE` and reads the
    // reservation's status again after it, so the burst queues there and every request
    // after the first sees it confirmed (the contract's repeat: the same 200 with
    // alreadyConfirmed). Behind that, the UPDATE is conditional (`WHERE status =
    // 'pending'`). Without the lock and the re-read, every request that read `pending`
    // would issue its own tickets, ticket email and audit row.
    it(`confirms one link once when it is confirmed ${BURST}× at once over two instances`, async () => {
      const id = await performance(10);
      const { email, confirm } = await book(id, 3);
      const answers = await burst(apps, BURST, (app) =>
        publicPost(app, '/api/public/reservations/confirm', { token: confirm }),
      );
      expect(tally(answers)).toEqual({ '200': BURST });
      const first = answers.filter((res) => !res.body.alreadyConfirmed);
      expect(first).toHaveLength(1);
      const repeats = answers.filter(
        (res) => res.body.alreadyConfirmed === true,
      );
      expect(repeats).toHaveLength(BURST - 1);
      for (const res of answers) {
        expect(res.body).toMatchObject({
          reference: first[0].body.reference,
          status: 'confirmed',
          partySize: 3,
          performance: { id },
        });
      }

      // Taken effect once: three seats, one check-in and one cancel token, one ticket
      // email, one audit event.
      expect(await confirmedSeats(id)).toBe(3);
      expect(await seatsAvailable(id)).toBe(7);
      const reservation = (
        await owner.query(
          'SELECT id, status FROM reservation WHERE email = $1',
          [email],
        )
      ).rows;
      expect(reservation).toEqual([
        { id: expect.any(String), status: 'confirmed' },
      ]);
      const issued = await owner.query(
        `SELECT purpose, count(*)::int AS n FROM reservation_token WHERE reservation_id = $1 GROUP BY purpose ORDER BY purpose`,
        [reservation[0].id],
      );
      expect(issued.rows).toEqual([
        { purpose: 'cancel', n: 1 },
        { purpose: 'checkin', n: 1 },
        { purpose: 'confirm', n: 1 },
      ]);
      expect(await ticketMails(email)).toHaveLength(1);
      expect(await audits('reservation.confirmed', reservation[0].id)).toBe(1);
    });
  });

  describe('sold-out rush', () => {
    // Guard: the same performance row lock. Confirmations of one performance queue on it
    // and each recomputes availability from the confirmed reservations after taking it,
    // on whichever instance it runs, so exactly as many parties as fit are confirmed.
    // Without it, confirmations that read availability concurrently would all fit.
    it.each([
      { left: 12, partySize: 1, fit: 12 },
      { left: 11, partySize: 2, fit: 5 },
    ])(
      'confirms exactly $fit of 3×$left distinct bookings (party of $partySize) with $left seats left, over two instances',
      async ({ left, partySize, fit }) => {
        const capacity = left + 4;
        const id = await performance(capacity);
        // Four seats already taken, so the bound is the seats left, not the room.
        await confirmedBooking(id, 4);
        expect(await seatsAvailable(id)).toBe(left);
        const emails = Array.from({ length: 3 * left }, () =>
          uniqueEmail('rush'),
        );
        for (const email of emails) {
          await apps[0]
            .get(BookingService)
            .book(id, { name: 'Racer', email, partySize });
        }
        const mails = await outboxMails(apps[0], owner);
        const bookings = emails.map((email) => ({
          email,
          confirm: (/\/confirm#t=([A-Za-z0-9_-]+)/.exec(
            mails.find((m) => m.to === email)?.text ?? '',
          ) ?? [])[1] as string,
        }));
        expect(bookings.filter((b) => !b.confirm)).toEqual([]);

        const answers = await burst(apps, bookings.length, (app, i) =>
          publicPost(app, '/api/public/reservations/confirm', {
            token: bookings[i].confirm,
          }),
        );
        expect(tally(answers)).toEqual({
          '200': fit,
          '409 SOLD_OUT': 3 * left - fit,
        });
        expect(answers.filter((res) => res.body.alreadyConfirmed)).toEqual([]);
        expect(await confirmedSeats(id)).toBe(4 + fit * partySize);
        expect(await seatsAvailable(id)).toBe(left - fit * partySize);
        // Every winner got its one ticket email; no loser got one.
        const won = new Set(
          answers.flatMap((res, i) =>
            res.status === 200 ? [bookings[i].email] : [],
          ),
        );
        const tickets = (await outboxMails(apps[0], owner)).filter((m) =>
          m.subject.startsWith('Your ticket'),
        );
        for (const booking of bookings) {
          expect(tickets.filter((m) => m.to === booking.email).length).toBe(
            won.has(booking.email) ? 1 : 0,
          );
        }
        const statuses = await owner.query(
          `SELECT status, count(*)::int AS n FROM reservation WHERE performance_id = $1 GROUP BY status ORDER BY status`,
          [id],
        );
        expect(statuses.rows).toEqual([
          { status: 'confirmed', n: fit + 1 },
          { status: 'pending', n: 3 * left - fit },
        ]);
      },
    );
  });

  describe('visitor cancel link', () => {
    // Guard: TicketsService.cancel locks the performance row, then the reservation row
    // (`FOR UPDATE`), and reads the status again under the lock: only the first request
    // finds it not cancelled. Without the locks every request that read `confirmed`
    // would cancel and audit again (seats are counted from status, so the audit rows are
    // what would multiply).
    it(`returns the seats once when the cancel link is used ${BURST}× at once over two instances`, async () => {
      const id = await performance(8);
      const booking = await confirmedBooking(id, 3);
      expect(await seatsAvailable(id)).toBe(5);
      const mailsBefore = (await outboxMails(apps[0], owner, booking.email))
        .length;

      const answers = await burst(apps, BURST, (app) =>
        publicPost(app, '/api/public/reservations/cancel', {
          token: booking.cancel,
        }),
      );
      expect(tally(answers)).toEqual({ '200': BURST });
      for (const res of answers) {
        expect(res.body).toEqual({
          reference: expect.any(String),
          status: 'cancelled',
        });
      }
      expect(new Set(answers.map((res) => res.body.reference)).size).toBe(1);

      expect(await seatsAvailable(id)).toBe(8);
      expect(await confirmedSeats(id)).toBe(0);
      expect(await audits('reservation.cancelled', booking.id)).toBe(1);
      // The contract confirms a cancellation by email: at most one, however many requests.
      const mailsAfter = (await outboxMails(apps[0], owner, booking.email))
        .length;
      expect(mailsAfter - mailsBefore).toBeLessThanOrEqual(1);
    });
  });

  describe('staff cancel', () => {
    // Guard (distinct keys): StaffReservationsController.cancel locks the performance row,
    // then the reservation row (`FOR UPDATE`), and cancels only when the status it reads
    // under the lock is not `cancelled`; a repeat answers the same 200 with the view.
    it(`cancels once under ${BURST} concurrent staff cancels with distinct Idempotency-Keys, from two staff members over two instances`, async () => {
      const id = await performance(9);
      const booking = await confirmedBooking(id, 4);
      expect(await seatsAvailable(id)).toBe(5);
      const staff = ['manager@stage', 'admin@stage'];

      const answers = await burst(apps, BURST, (app, i) =>
        staffAs(app, tokens[staff[Math.floor(i / 2) % 2]]).post(
          `/api/staff/reservations/${booking.id}/cancel`,
          undefined,
          randomUUID(),
        ),
      );
      expect(tally(answers)).toEqual({ '200': BURST });
      expect(
        answers.filter((res) => res.headers['idempotent-replayed']),
      ).toEqual([]);
      const cancelledAt = answers[0].body.cancelledAt;
      expect(cancelledAt).toEqual(expect.any(String));
      for (const res of answers) {
        expect(res.body).toMatchObject({
          id: booking.id,
          status: 'cancelled',
          partySize: 4,
          cancelledAt,
        });
      }

      expect(await seatsAvailable(id)).toBe(9);
      expect(await audits('reservation.cancelled', booking.id)).toBe(1);
      // Every link of the booking stopped working, once.
      const live = await count(
        'SELECT count(*)::int AS n FROM reservation_token WHERE reservation_id = $1 AND revoked_at IS NULL',
        [booking.id],
      );
      expect(live).toBe(0);
    });

    // Guard (one key): IdempotencyService.begin claims the key in the shared Redis with
    // `SET … NX`, so exactly one request runs the handler whichever instance it reaches;
    // the rest are answered `409 IDEMPOTENCY_KEY_IN_USE` while it runs, or its stored
    // response replayed (`Idempotent-Replayed: true`) once it is done.
    it(`runs the handler once for ${BURST} concurrent staff cancels with one Idempotency-Key over two instances, and replays it`, async () => {
      const id = await performance(9);
      const booking = await confirmedBooking(id, 2);
      const key = randomUUID();
      const cancel = (app: INestApplication) =>
        staffAs(app, tokens['manager@stage']).post(
          `/api/staff/reservations/${booking.id}/cancel`,
          undefined,
          key,
        );

      const answers = await burst(apps, BURST, (app) => cancel(app));
      const ran = answers.filter(
        (res) => res.status === 200 && !res.headers['idempotent-replayed'],
      );
      expect(ran).toHaveLength(1);
      const replayed = answers.filter(
        (res) =>
          res.status === 200 && res.headers['idempotent-replayed'] === 'true',
      );
      const inUse = answers.filter(
        (res) =>
          res.status === 409 && res.body.code === 'IDEMPOTENCY_KEY_IN_USE',
      );
      expect(ran.length + replayed.length + inUse.length).toBe(BURST);
      for (const res of replayed) {
        expect(res.body).toEqual(ran[0].body);
      }
      expect(ran[0].body).toMatchObject({
        id: booking.id,
        status: 'cancelled',
      });

      // Afterwards the key replays the first answer on either instance.
      for (const app of apps) {
        const again = await cancel(app).expect(200);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.body).toEqual(ran[0].body);
      }
      expect(await seatsAvailable(id)).toBe(9);
      expect(await audits('reservation.cancelled', booking.id)).toBe(1);
    });
  });
});
