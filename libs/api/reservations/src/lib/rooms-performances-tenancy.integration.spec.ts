import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule } from '@foyer/api/auth';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { Client } from 'pg';
import { seedDemoProgramme } from './demo-programme';
import { NewPerformance, Performance } from './performance';
import { PerformanceRepository } from './performance.repository';
import { Room } from './room';
import { RoomRepository } from './room.repository';
import { ReservationsModule } from './reservations.module';

/**
 * The application's own tenant scoping of `room` and `performance`, without row-level
 * security: this app connects as a superuser (`bypassRlsUrl`), so only each statement's
 * `tenant_id = $1` keeps tenant B's rows out of tenant A's work. Every public method of
 * both repositories runs in A with B's ids; nothing of B may be read, and B's rows must be
 * exactly as they were afterwards.
 */
describe('room and performance repositories name the tenant in every statement (RLS bypassed)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Client;
  let a: string;
  let b: string;
  type Seeded = { rooms: Room[]; performances: Performance[] };
  const mine: Seeded = { rooms: [], performances: [] };
  const theirs: Seeded = { rooms: [], performances: [] };

  const inTenant = <T>(tenant: string, work: () => Promise<T>) =>
    app.get(TenantContext).run(tenant, work);
  const rooms = () => app.get(RoomRepository);
  const performances = () => app.get(PerformanceRepository);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  const HOUR = 60 * 60 * 1000;
  const show = (roomId: string, title: string, inDays: number) => {
    const startsAt = new Date(Date.now() + inDays * 24 * HOUR);
    const performance: NewPerformance = {
      roomId,
      title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      checkInOpensAt: new Date(startsAt.getTime() - HOUR),
      bookingOpensAt: null,
      bookingClosesAt: null,
      bookingStatus: 'open',
      additionalSeats: 0,
      manuallyOccupiedSeats: 0,
      maxPartySize: 6,
    };
    return performance;
  };
  /** All of a tenant's rows of the two tables, read around the application. */
  const snapshotOf = async (tenant: string) => ({
    rooms: (
      await admin.query('SELECT * FROM room WHERE tenant_id = $1 ORDER BY id', [
        tenant,
      ])
    ).rows,
    performances: (
      await admin.query(
        'SELECT * FROM performance WHERE tenant_id = $1 ORDER BY id',
        [tenant],
      )
    ).rows,
  });

  async function seed(
    tenant: string,
    into: Seeded,
    confirmedSeats: number,
  ): Promise<void> {
    await inTenant(tenant, async () => {
      for (const [name, capacity] of [
        ['Main hall', 80],
        ['Studio', 30],
      ] as const) {
        into.rooms.push(await rooms().insert({ name, capacity }));
      }
      into.performances.push(
        await performances().insert(show(into.rooms[0].id, 'Hamlet', 3)),
        await performances().insert(show(into.rooms[0].id, 'Lear', 5)),
      );
    });
    await admin.query(
      `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, party_size, status, confirmed_at)
       VALUES ($1, $2, $3, 'Visitor', 'visitor@example.test', $4, 'confirmed', now())`,
      [
        tenant,
        into.performances[0].id,
        `SEAT-${confirmedSeats}AAA`,
        confirmedSeats,
      ],
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, ReservationsModule],
      env: { DATABASE_URL: db.bypassRlsUrl },
    });
    admin = new Client({ connectionString: db.bypassRlsUrl });
    await admin.connect();
    a = await createTenantRow(app, 'alpha');
    b = await createTenantRow(app, 'bravo');
    await seed(a, mine, 2);
    await seed(b, theirs, 3);
  });

  afterAll(async () => {
    await admin?.end();
    await app?.close();
    await db?.drop();
  });

  it('really runs without row-level security', async () => {
    const seen = await inTenant(a, () =>
      app
        .get(TenantContext)
        .manager.query('SELECT count(*)::int AS n FROM room'),
    );
    expect(seen).toEqual([{ n: 4 }]);
  });

  describe('RoomRepository', () => {
    const them = () => theirs.rooms[0];

    it('reads none of B', async () => {
      await inTenant(a, async () => {
        expect(await rooms().find(them().id)).toBeNull();
        expect(ids(await rooms().page(null, 100))).toEqual(ids(mine.rooms));
        expect(
          ids(await rooms().page('00000000-0000-0000-0000-000000000000', 100)),
        ).toEqual(ids(mine.rooms));
        expect(await rooms().count()).toBe(mine.rooms.length);
      });
    });

    it('changes none of B', async () => {
      const before = await snapshotOf(b);
      await inTenant(a, async () => {
        expect(
          await rooms().update(them().id, { name: 'Taken', capacity: 1 }),
        ).toBeNull();
        expect(await rooms().update(theirs.rooms[1].id, {})).toBeNull();
        expect(await rooms().delete(theirs.rooms[1].id)).toBe(0);
      });
      const inserted = await inTenant(a, () =>
        rooms().insert({ name: 'Foyer', capacity: 10 }),
      );
      expect(ids((await snapshotOf(a)).rooms)).toContain(inserted.id);
      expect(await inTenant(a, () => rooms().delete(inserted.id))).toBe(1);
      expect(await snapshotOf(b)).toEqual(before);
    });
  });

  describe('PerformanceRepository', () => {
    const them = () => theirs.performances[0];

    it('reads none of B', async () => {
      await inTenant(a, async () => {
        expect(await performances().find(them().id)).toBeNull();
        expect(await performances().findForUpdate(them().id)).toBeNull();
        expect(await performances().lockForUpdate(them().id)).toBeNull();
        expect(ids(await performances().page(null, 100))).toEqual(
          ids(mine.performances),
        );
        expect(
          ids(
            await performances().page(
              { startsAt: '2000-01-01T00:00:00.000Z', id: them().id },
              100,
            ),
          ),
        ).toEqual(ids(mine.performances));
        expect(
          ids(await performances().upcoming(new Date(2000, 0, 1), 100)),
        ).toEqual(ids(mine.performances));
        expect(await performances().usesRoom(theirs.rooms[0].id)).toBe(false);
        expect(await performances().usesRoom(mine.rooms[0].id)).toBe(true);
        expect(
          (await performances().seatCounts(ids(theirs.performances))).size,
        ).toBe(0);
        const both = await performances().seatCounts([
          ...ids(mine.performances),
          ...ids(theirs.performances),
        ]);
        expect([...both.keys()].sort()).toEqual(ids(mine.performances));
        expect(both.get(mine.performances[0].id)).toEqual({
          id: mine.performances[0].id,
          capacity: 80,
          confirmedSeats: 2,
        });
      });
    });

    it("resolves a public id to its own tenant only (the id is the tenant's door, by design)", async () => {
      expect(await inTenant(a, () => performances().tenantOf(them().id))).toBe(
        b,
      );
    });

    it('changes none of B', async () => {
      const before = await snapshotOf(b);
      await inTenant(a, async () => {
        expect(
          await performances().update(them().id, {
            title: 'Taken',
            manuallyOccupiedSeats: 80,
          }),
        ).toBeNull();
        expect(await performances().update(them().id, {})).toBeNull();
      });
      // A's performance cannot point at B's room: (tenant_id, room_id) must be A's.
      await expect(
        inTenant(a, () =>
          performances().insert(show(theirs.rooms[0].id, 'Stolen', 4)),
        ),
      ).rejects.toThrow();
      await expect(
        inTenant(a, () =>
          performances().update(mine.performances[1].id, {
            roomId: theirs.rooms[1].id,
          }),
        ),
      ).rejects.toThrow();
      const own = await inTenant(a, () =>
        performances().insert(show(mine.rooms[1].id, 'Own', 6)),
      );
      expect(ids((await snapshotOf(a)).performances)).toContain(own.id);
      expect(await snapshotOf(b)).toEqual(before);
    });
  });

  it('seeds the demo programme of one tenant, once, and only there', async () => {
    const c = await createTenantRow(app, 'charlie');
    const before = await snapshotOf(b);
    for (let run = 0; run < 2; run += 1) {
      await app
        .get(TenantContext)
        .run(c, (manager) => seedDemoProgramme(manager, c));
    }
    const seeded = await snapshotOf(c);
    expect(seeded.rooms).toMatchObject([{ name: 'Main Hall', capacity: 120 }]);
    expect(
      seeded.performances.map((p: { title: string }) => p.title).sort(),
    ).toEqual(['A Doll’s House', 'The Seagull', 'Twelfth Night']);
    expect(seeded.performances).toEqual(
      Array(3).fill(
        expect.objectContaining({
          room_id: seeded.rooms[0].id,
          booking_status: 'open',
          max_party_size: 6,
        }),
      ),
    );
    expect(await snapshotOf(b)).toEqual(before);
  });
});
