import { INestApplication } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { AuditModule } from '@foyer/api/audit';
import {
  AuthModule,
  AuthenticationGuard,
  CsrfGuard,
  StaffAccounts,
} from '@foyer/api/auth';
import { TenantContext } from '@foyer/api/platform';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ReservationsModule } from './reservations.module';

const PASSWORD = 'Stage-door-7-lights';

describe('rooms and performances for staff (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const tokens: Record<string, string> = {};

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
    for (const [slug, roles] of [
      ['alpha', ['manager', 'host', 'kitchen']],
      ['bravo', ['manager']],
    ] as [string, Role[]][]) {
      const tenant = await createTenantRow(app, slug);
      await app.get(TenantContext).run(tenant, async () => {
        for (const role of roles) {
          await app.get(StaffAccounts).addMember({
            email: `${role}@${slug}.test`,
            displayName: role,
            role,
            password: PASSWORD,
          });
        }
      });
      for (const role of roles) {
        const res = await http()
          .post('/api/auth/login')
          .set('X-Auth-Mode', 'bearer')
          .send({ email: `${role}@${slug}.test`, password: PASSWORD });
        tokens[`${role}@${slug}`] = res.body.accessToken;
      }
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const as = (who: string) => ({
    get: (path: string) =>
      http().get(path).set('Authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) =>
      http()
        .post(path)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .set('Idempotency-Key', randomUUID())
        .send(body),
    patch: (path: string, body: object) =>
      http()
        .patch(path)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .set('Idempotency-Key', randomUUID())
        .send(body),
    delete: (path: string) =>
      http()
        .delete(path)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .set('Idempotency-Key', randomUUID()),
  });

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
});
