import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
  outboxMails,
} from '@foyer/api/testing';
import { TenantDirectory } from '@foyer/api/tenants';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { BookingService } from './booking.service';
import { TICKET_QR_CID } from './mails';
import { ReservationsModule } from './reservations.module';

describe('public booking and confirmation (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let tenantId: string;
  let owner: Client;
  const http = () => request(app.getHttpServer());
  const post = (path: string, body: object) =>
    http().post(path).set('Idempotency-Key', randomUUID()).send(body);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, ReservationsModule],
      env: {
        BOOKING_RATE_LIMIT_PER_MINUTE: '100000',
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '100000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '100000',
        DATABASE_POOL_SIZE: '20',
      },
    });
    tenantId = (
      await app.get(TenantDirectory).create({ slug: 'stage', name: 'Stage' })
    ).id;
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await db?.drop();
  });

  async function performance(
    capacity: number,
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    return app.get(TenantContext).run(tenantId, async (m) => {
      const [room] = await m.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', $2) RETURNING id`,
        [tenantId, capacity],
      );
      const values = {
        starts_at: new Date(Date.now() + 86_400_000),
        ends_at: new Date(Date.now() + 90_000_000),
        check_in_opens_at: new Date(Date.now() + 82_800_000),
        booking_status: 'open',
        max_party_size: 6,
        ...overrides,
      };
      const [row] = await m.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status, max_party_size)
         VALUES ($1, $2, 'Show', $3, $4, $5, $6, $7) RETURNING id`,
        [
          tenantId,
          room.id,
          values.starts_at,
          values.ends_at,
          values.check_in_opens_at,
          values.booking_status,
          values.max_party_size,
        ],
      );
      return row.id as string;
    });
  }

  /** Tokens reach visitors only by email: read them from the queued messages. */
  async function confirmTokens(): Promise<Map<string, string>> {
    const tokens = new Map<string, string>();
    for (const row of await outboxMails(app, owner)) {
      const match = /\/confirm#t=([A-Za-z0-9_-]+)/.exec(row.text);
      if (match) tokens.set(row.to, match[1]);
    }
    return tokens;
  }

  /** The ticket email shows a QR inline (cid) of the ticket link's check-in token, and only that. */
  async function expectTicketQr(to: string): Promise<void> {
    const mail = (await outboxMails(app, owner, to)).filter((m) =>
      m.subject.startsWith('Your ticket'),
    )[0];
    const ticketToken = /\/ticket#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(ticketToken).toBeDefined();
    expect(mail.inlineQrCodes).toEqual([
      {
        cid: TICKET_QR_CID,
        filename: expect.stringMatching(/^ticket-[A-Z0-9-]+\.png$/),
        text: ticketToken,
      },
    ]);
    expect(mail.html).toContain(`src="cid:${TICKET_QR_CID}"`);
  }

  it('books pending, confirms once, and answers a repeat with alreadyConfirmed', async () => {
    const id = await performance(10);
    const booked = await post(`/api/public/performances/${id}/reservations`, {
      name: 'Ada',
      email: 'ada@example.test',
      partySize: 2,
    }).expect(202);
    expect(booked.body).toEqual({
      reference: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/),
      status: 'pending',
    });
    expect(JSON.stringify(booked.body)).not.toContain('ada@');
    const token = (await confirmTokens()).get('ada@example.test') as string;
    const [first, second] = await Promise.all([
      post('/api/public/reservations/confirm', { token }),
      post('/api/public/reservations/confirm', { token }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(
      [first.body.alreadyConfirmed, second.body.alreadyConfirmed].filter(
        Boolean,
      ),
    ).toHaveLength(1);
    expect(first.body).toMatchObject({
      reference: booked.body.reference,
      status: 'confirmed',
      partySize: 2,
      performance: { id },
    });
    const tickets = (await outboxMails(app, owner, 'ada@example.test')).filter(
      (m) => m.subject.startsWith('Your ticket'),
    );
    expect(tickets).toHaveLength(1);
    await expectTicketQr('ada@example.test');
    const perf = await http().get(`/api/public/performances/${id}`).expect(200);
    expect(perf.body).toMatchObject({
      seatsAvailable: 8,
      maxPartySize: 6,
      bookingStatus: 'open',
    });
    expect(JSON.stringify(perf.body)).not.toMatch(/@|Ada/);
  });

  it('refuses bad input, closed bookings, unknown and misused tokens', async () => {
    const id = await performance(10);
    await post(`/api/public/performances/${id}/reservations`, {
      name: 'X',
      email: 'not-an-email',
      partySize: 1,
    }).expect(400);
    await post(`/api/public/performances/${id}/reservations`, {
      name: 'X',
      email: 'x@example.test',
      partySize: 7,
    }).expect(400);
    await post(`/api/public/performances/${id}/reservations`, {
      name: 'X',
      email: 'x@example.test',
      partySize: 1,
      status: 'confirmed',
    }).expect(400);
    await post(`/api/public/performances/${id}/reservations`, {
      name: 'X',
      email: 'x@example.test',
      partySize: 11,
    }).expect(400);
    const closed = await performance(10, { booking_status: 'closed' });
    expect(
      (
        await post(`/api/public/performances/${closed}/reservations`, {
          name: 'X',
          email: 'x@example.test',
          partySize: 1,
        }).expect(409)
      ).body.code,
    ).toBe('BOOKING_CLOSED');
    await post(`/api/public/performances/${randomUUID()}/reservations`, {
      name: 'X',
      email: 'x@example.test',
      partySize: 1,
    }).expect(404);
    expect(
      (
        await post('/api/public/reservations/confirm', {
          token: 'A'.repeat(43),
        }).expect(404)
      ).body.code,
    ).toBe('TOKEN_INVALID');
  });

  it('never confirms more seats than exist under 200 concurrent confirmations, ten times over', async () => {
    for (let round = 0; round < 10; round += 1) {
      const seats = 37;
      const id = await performance(seats);
      const booking = app.get(BookingService);
      const emails = Array.from(
        { length: 200 },
        (_, i) => `r${round}-${i}@race.test`,
      );
      await Promise.all(
        emails.map((email) =>
          booking.book(id, { name: 'Racer', email, partySize: 1 }),
        ),
      );
      const tokens = await confirmTokens();
      const responses = await Promise.all(
        emails.map((email) =>
          post('/api/public/reservations/confirm', {
            token: tokens.get(email) as string,
          }),
        ),
      );
      const statuses = responses.map((res) => res.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(seats);
      expect(
        responses
          .filter((res) => res.status === 409)
          .every((res) => res.body.code === 'SOLD_OUT'),
      ).toBe(true);
      expect(statuses.filter((s) => s === 409)).toHaveLength(200 - seats);
      const confirmed = await owner.query(
        `SELECT COALESCE(sum(party_size), 0)::int AS seats FROM reservation WHERE performance_id = $1 AND status = 'confirmed'`,
        [id],
      );
      expect(confirmed.rows[0].seats).toBe(seats);
    }
  }, 180_000);

  async function ticketLinks(
    email: string,
  ): Promise<{ ticket: string; cancel: string }> {
    const text = (await outboxMails(app, owner, email)).filter((m) =>
      m.subject.startsWith('Your ticket'),
    )[0].text;
    return {
      ticket: (/\/ticket#t=([A-Za-z0-9_-]+)/.exec(text) as RegExpExecArray)[1],
      cancel: (/\/cancel#t=([A-Za-z0-9_-]+)/.exec(text) as RegExpExecArray)[1],
    };
  }

  it('shows the ticket with its QR, cancels once, and keeps every token to its purpose', async () => {
    const id = await performance(5);
    await post(`/api/public/performances/${id}/reservations`, {
      name: 'Bo',
      email: 'bo@example.test',
      partySize: 3,
    }).expect(202);
    await post('/api/public/reservations/confirm', {
      token: (await confirmTokens()).get('bo@example.test') as string,
    }).expect(200);
    const links = await ticketLinks('bo@example.test');

    const ticket = await post('/api/public/tickets/lookup', {
      token: links.ticket,
    }).expect(200);
    expect(Object.keys(ticket.body).sort()).toEqual([
      'partySize',
      'performance',
      'qrSvg',
      'reference',
      'status',
    ]);
    expect(ticket.body).toMatchObject({
      status: 'confirmed',
      partySize: 3,
      performance: { id },
    });
    expect(ticket.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(JSON.stringify(ticket.body)).not.toMatch(/bo@|"Bo"/);

    // Each token works only for its own purpose.
    expect(
      (
        await post('/api/public/tickets/lookup', {
          token: links.cancel,
        }).expect(404)
      ).body.code,
    ).toBe('TOKEN_INVALID');
    expect(
      (
        await post('/api/public/reservations/confirm', {
          token: links.ticket,
        }).expect(404)
      ).body.code,
    ).toBe('TOKEN_INVALID');
    expect(
      (
        await post('/api/public/reservations/cancel', {
          token: links.ticket,
        }).expect(404)
      ).body.code,
    ).toBe('TOKEN_INVALID');

    expect(
      (await http().get(`/api/public/performances/${id}`).expect(200)).body
        .seatsAvailable,
    ).toBe(2);
    const [a, b] = await Promise.all([
      post('/api/public/reservations/cancel', { token: links.cancel }),
      post('/api/public/reservations/cancel', { token: links.cancel }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual({
      reference: ticket.body.reference,
      status: 'cancelled',
    });
    expect(
      (await http().get(`/api/public/performances/${id}`).expect(200)).body
        .seatsAvailable,
    ).toBe(5);
    const confirmAgain = await post('/api/public/reservations/confirm', {
      token: (await confirmTokens()).get('bo@example.test') as string,
    });
    expect(confirmAgain.status).toBe(409);
    expect(confirmAgain.body.code).toBe('RESERVATION_CANCELLED');
    const cancelled = await owner.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'reservation.cancelled'`,
    );
    expect(cancelled.rows[0].n).toBe(1);
  });

  it('refuses a first cancel after the start, but repeats an earlier one', async () => {
    const id = await performance(5);
    for (const email of ['late@example.test', 'early@example.test']) {
      await post(`/api/public/performances/${id}/reservations`, {
        name: 'L',
        email,
        partySize: 1,
      }).expect(202);
      await post('/api/public/reservations/confirm', {
        token: (await confirmTokens()).get(email) as string,
      }).expect(200);
    }
    const early = await ticketLinks('early@example.test');
    await post('/api/public/reservations/cancel', {
      token: early.cancel,
    }).expect(200);
    await owner.query(
      `UPDATE performance SET starts_at = now() - interval '1 minute', check_in_opens_at = now() - interval '2 hours' WHERE id = $1`,
      [id],
    );
    const late = await ticketLinks('late@example.test');
    expect(
      (
        await post('/api/public/reservations/cancel', {
          token: late.cancel,
        }).expect(409)
      ).body.code,
    ).toBe('CANCEL_CLOSED');
    await post('/api/public/reservations/cancel', {
      token: early.cancel,
    }).expect(200);
  });

  it('stores no raw token anywhere in the database', async () => {
    const tokens = [...(await confirmTokens()).values()].slice(0, 20);
    const dump = await owner.query(
      `SELECT string_agg(t::text, ' ') AS all FROM (SELECT * FROM reservation) t
       UNION ALL SELECT string_agg(encode(token_hash, 'base64'), ' ') FROM reservation_token`,
    );
    const text = dump.rows
      .map((r: { all: string | null }) => r.all ?? '')
      .join(' ');
    for (const token of tokens) {
      expect(text).not.toContain(token);
    }
  });
});
