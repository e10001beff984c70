import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
  outboxMails,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { BookingService } from './booking.service';
import { ReservationsModule } from './reservations.module';
import { TicketsService } from './tickets.service';

describe('rooms and performances for staff (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, ReservationsModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    ({ tokens } = await seedStaff(app, {
      alpha: ['manager', 'host', 'kitchen'],
      bravo: ['manager'],
    }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const as = (who: string) => staffAs(app, tokens[who]);

  it('creates rooms and performances with live availability, and edits them', async () => {
    const manager = as('manager@alpha');
    const room = (
      await manager
        .post('/api/staff/rooms', { name: 'Main hall', capacity: 120 })
        .expect(201)
    ).body;
    expect(room).toEqual({
      id: expect.any(String),
      name: 'Main hall',
      capacity: 120,
    });
    const created = await manager
      .post('/api/staff/performances', {
        title: 'Hamlet',
        roomId: room.id,
        startsAt: '2030-05-01T19:30:00Z',
        endsAt: '2030-05-01T22:00:00Z',
        bookingStatus: 'open',
        additionalSeats: 10,
        manuallyOccupiedSeats: 4,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'Hamlet',
      checkInOpensAt: '2030-05-01T18:30:00.000Z',
      seatsAvailable: 126,
      maxPartySize: 6,
      bookingState: 'open',
    });
    const updated = await manager
      .patch(`/api/staff/performances/${created.body.id}`, {
        manuallyOccupiedSeats: 30,
        bookingStatus: 'closed',
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      seatsAvailable: 100,
      bookingState: 'closed',
    });
    const list = await manager
      .get('/api/staff/performances?limit=10')
      .expect(200);
    expect(list.body).toEqual({
      items: [expect.objectContaining({ id: created.body.id })],
      nextCursor: null,
    });
    await manager.delete(`/api/staff/rooms/${room.id}`).expect(409);
  });

  it('validates times, unknown fields and rooms', async () => {
    const manager = as('manager@alpha');
    const room = (
      await manager
        .post('/api/staff/rooms', { name: 'Studio', capacity: 40 })
        .expect(201)
    ).body;
    const base = {
      title: 'X',
      roomId: room.id,
      startsAt: '2030-05-01T19:30:00Z',
      endsAt: '2030-05-01T22:00:00Z',
    };
    expect(
      (
        await manager
          .post('/api/staff/performances', {
            ...base,
            endsAt: '2030-05-01T18:00:00Z',
          })
          .expect(400)
      ).body.errors,
    ).toContainEqual({
      field: 'endsAt',
      message: 'must be after startsAt',
    });
    await manager
      .post('/api/staff/performances', { ...base, tenantId: randomUUID() })
      .expect(400);
    await manager
      .post('/api/staff/performances', { ...base, roomId: randomUUID() })
      .expect(400);
    await manager
      .post('/api/staff/rooms', { name: 'Negative', capacity: -1 })
      .expect(400);
  });

  it('keeps tenants apart: another tenant’s rooms and performances are 404 and unusable', async () => {
    const alpha = as('manager@alpha');
    const bravo = as('manager@bravo');
    const room = (
      await alpha
        .post('/api/staff/rooms', { name: 'Alpha only', capacity: 10 })
        .expect(201)
    ).body;
    const perf = (
      await alpha
        .post('/api/staff/performances', {
          title: 'Alpha show',
          roomId: room.id,
          startsAt: '2030-06-01T19:00:00Z',
          endsAt: '2030-06-01T21:00:00Z',
        })
        .expect(201)
    ).body;
    await bravo.get(`/api/staff/rooms/${room.id}`).expect(404);
    await bravo
      .patch(`/api/staff/rooms/${room.id}`, { capacity: 1 })
      .expect(404);
    await bravo.delete(`/api/staff/rooms/${room.id}`).expect(404);
    await bravo.get(`/api/staff/performances/${perf.id}`).expect(404);
    await bravo
      .patch(`/api/staff/performances/${perf.id}`, { title: 'Taken' })
      .expect(404);
    await bravo
      .post('/api/staff/performances', {
        title: 'Sneaky',
        roomId: room.id,
        startsAt: '2030-06-01T19:00:00Z',
        endsAt: '2030-06-01T21:00:00Z',
      })
      .expect(400);
    expect(
      (await bravo.get('/api/staff/performances').expect(200)).body.items,
    ).toEqual([]);
    await bravo.get('/api/staff/rooms/not-a-uuid').expect(404);
  });

  it('gives hosts read access only and kitchen none', async () => {
    await as('host@alpha').get('/api/staff/performances').expect(200);
    await as('host@alpha')
      .post('/api/staff/rooms', { name: 'No', capacity: 1 })
      .expect(403);
    await as('kitchen@alpha').get('/api/staff/rooms').expect(403);
  });

  it('lists, searches, cancels and re-sends tickets for staff with the reservation permissions only', async () => {
    const manager = as('manager@alpha');
    const room = (
      await manager
        .post('/api/staff/rooms', { name: 'Box', capacity: 20 })
        .expect(201)
    ).body;
    const perf = (
      await manager
        .post('/api/staff/performances', {
          title: 'Listed',
          roomId: room.id,
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 90_000_000).toISOString(),
          bookingStatus: 'open',
        })
        .expect(201)
    ).body;
    const booking = app.get(BookingService);
    for (const [name, email] of [
      ['Ann Lee', 'ann@example.test'],
      ['Bob Roe', 'bob@example.test'],
      ['Cy 100%', 'cy@example.test'],
    ]) {
      await booking.book(perf.id, { name, email, partySize: 2 });
    }
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const mailText = async (to: string, subject: string) =>
      (await outboxMails(app, owner, to))
        .filter((m) => m.subject.startsWith(subject))
        .map((m) => m.text);
    try {
      const confirmToken = (
        /confirm#t=([\w-]+)/.exec(
          (await mailText('ann@example.test', 'Confirm'))[0],
        ) as RegExpExecArray
      )[1];
      await booking.confirm(confirmToken, 'test');
      const oldTicket = (
        /ticket#t=([\w-]+)/.exec(
          (await mailText('ann@example.test', 'Your ticket'))[0],
        ) as RegExpExecArray
      )[1];

      const all = await manager
        .get(`/api/staff/performances/${perf.id}/reservations`)
        .expect(200);
      expect(all.body.items).toHaveLength(3);
      expect(all.body.items[0]).toEqual(
        expect.objectContaining({
          email: expect.any(String),
          name: expect.any(String),
          partySize: 2,
        }),
      );
      const ann = all.body.items.find(
        (r: { email: string }) => r.email === 'ann@example.test',
      );
      const bob = all.body.items.find(
        (r: { email: string }) => r.email === 'bob@example.test',
      );
      expect(
        (
          await manager
            .get(`/api/staff/performances/${perf.id}/reservations?q=bob%40`)
            .expect(200)
        ).body.items.map((r: { id: string }) => r.id),
      ).toEqual([bob.id]);
      expect(
        (
          await manager
            .get(
              `/api/staff/performances/${perf.id}/reservations?q=${ann.reference}`,
            )
            .expect(200)
        ).body.items,
      ).toHaveLength(1);
      expect(
        (
          await manager
            .get(`/api/staff/performances/${perf.id}/reservations?q=%25`)
            .expect(200)
        ).body.items,
      ).toHaveLength(1);
      expect(
        (
          await manager
            .get(
              `/api/staff/performances/${perf.id}/reservations?status=confirmed`,
            )
            .expect(200)
        ).body.items,
      ).toHaveLength(1);
      const paged = await manager
        .get(`/api/staff/performances/${perf.id}/reservations?limit=2`)
        .expect(200);
      const rest = await manager
        .get(
          `/api/staff/performances/${perf.id}/reservations?limit=2&cursor=${paged.body.nextCursor}`,
        )
        .expect(200);
      expect(
        [...paged.body.items, ...rest.body.items]
          .map((r: { id: string }) => r.id)
          .sort(),
      ).toEqual(all.body.items.map((r: { id: string }) => r.id).sort());

      await as('host@alpha')
        .get(`/api/staff/performances/${perf.id}/reservations`)
        .expect(403);
      await as('manager@bravo')
        .get(`/api/staff/performances/${perf.id}/reservations`)
        .expect(404);
      await as('manager@bravo')
        .post(`/api/staff/reservations/${ann.id}/cancel`, {})
        .expect(404);

      expect(
        (
          await manager
            .post(`/api/staff/reservations/${bob.id}/resend-ticket`, {})
            .expect(409)
        ).body.code,
      ).toBe('NOT_CONFIRMED');
      await manager
        .post(`/api/staff/reservations/${ann.id}/resend-ticket`, {})
        .expect(200);
      await expect(
        app.get(TicketsService).lookup(oldTicket),
      ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      const tickets = await mailText('ann@example.test', 'Your ticket');
      expect(tickets).toHaveLength(2);
      const newTicket = (
        /ticket#t=([\w-]+)/.exec(tickets[1]) as RegExpExecArray
      )[1];
      await expect(
        app.get(TicketsService).lookup(newTicket),
      ).resolves.toMatchObject({ status: 'confirmed' });

      expect(
        (await manager.get(`/api/staff/performances/${perf.id}`).expect(200))
          .body.seatsAvailable,
      ).toBe(18);
      expect(
        (
          await manager
            .post(`/api/staff/reservations/${ann.id}/cancel`, {})
            .expect(200)
        ).body.status,
      ).toBe('cancelled');
      await manager
        .post(`/api/staff/reservations/${ann.id}/cancel`, {})
        .expect(200);
      expect(
        (await manager.get(`/api/staff/performances/${perf.id}`).expect(200))
          .body.seatsAvailable,
      ).toBe(20);
      // One cancel for staff and visitor: the ticket acts no more, and shows it is cancelled.
      await expect(
        app.get(TicketsService).lookup(newTicket),
      ).resolves.toMatchObject({ status: 'cancelled' });
    } finally {
      await owner.end();
    }
  });
});
