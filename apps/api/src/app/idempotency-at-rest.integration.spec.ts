import { INestApplication } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { StaffAccounts } from '@foyer/api/auth';
import { staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { ReservationTokens } from '@foyer/api/reservations';
import {
  TestDatabase,
  createTenantRow,
  createTestDatabase,
  keysUnder,
} from '@foyer/api/testing';
import Redis from 'ioredis';
import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootApi } from '../testing/boot-api';
import { ProbeController } from '../testing/probe.controller';

const PASSWORD = 'Stage-door-7-lights';
const VISITOR = 'Grace.Hopper@example.test';
const HOUR = 3_600_000;

/**
 * Idempotency records at rest: what Redis holds after staff and public mutations must
 * reveal neither the Idempotency-Key nor any part of the stored response, and a replay
 * must still answer exactly as the first time.
 */
describe('idempotency records at rest (real PostgreSQL and Redis)', () => {
  const prefix = `test:idem-at-rest:${randomUUID()}:`;
  let db: TestDatabase;
  let app: INestApplication;
  let redis: Redis;
  let probe: ProbeController;
  const tenants: Record<string, string> = {};
  /** The same staff user, signed in once per tenant. */
  const both: Record<string, string> = {};
  let performanceId: string;
  let ticketToken: string;
  let reference: string;
  const http = () => request(app.getHttpServer());
  const publicPost = (path: string, body: object, key: string) =>
    http()
      .post(path)
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', key)
      .send(JSON.stringify(body));

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await bootApi(
      db,
      {
        REDIS_KEY_PREFIX: prefix,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '1000',
        BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '1000',
      },
      [ProbeController],
    );
    probe = app.get(ProbeController);
    redis = new Redis(
      process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0',
    );
    const context = app.get(TenantContext);
    const accounts = app.get(StaffAccounts);
    for (const slug of ['alpha', 'bravo']) {
      tenants[slug] = await createTenantRow(app, `${slug}-idem`);
      await context.run(tenants[slug], () =>
        accounts.addMember({
          email: 'both@multi.test',
          displayName: 'Both',
          role: 'owner' as Role,
          password: PASSWORD,
        }),
      );
    }
    for (const slug of ['alpha', 'bravo']) {
      const res = await http()
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({
          email: 'both@multi.test',
          password: PASSWORD,
          tenantSlug: `${slug}-idem`,
        })
        .expect(200);
      both[slug] = res.body.accessToken;
    }
    const startsAt = new Date(Date.now() + 48 * HOUR);
    await context.run(tenants['alpha'], async (m) => {
      const [room] = await m.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', 50) RETURNING id`,
        [tenants['alpha']],
      );
      const [performance] = await m.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status, max_party_size)
         VALUES ($1, $2, 'Midsummer Gala', $3, $4, $5, 'open', 6) RETURNING id`,
        [
          tenants['alpha'],
          room.id,
          startsAt,
          new Date(startsAt.getTime() + 2 * HOUR),
          new Date(startsAt.getTime() - HOUR),
        ],
      );
      performanceId = performance.id;
      const [reservation] = await m.query(
        `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, phone, notes, party_size, status, confirmed_at)
         VALUES ($1, $2, 'IDEM-0001', 'Grace Hopper', $3, '+1 555 0100', 'Aisle seat please', 2, 'confirmed', now())
         RETURNING id, reference`,
        [tenants['alpha'], performanceId, VISITOR],
      );
      reference = reservation.reference;
      ticketToken = await app
        .get(ReservationTokens)
        .issue(reservation.id, 'checkin', null);
    });
  });

  afterAll(async () => {
    await redis?.quit();
    await app?.close();
    await db?.drop();
  });

  async function redisContents(): Promise<{ key: string; value: string }[]> {
    const found: { key: string; value: string }[] = [];
    for (const key of await keysUnder(redis, prefix)) {
      // DUMP serialises any type (string, hash, sorted set) with its members in the clear.
      const dump = await redis.dumpBuffer(key);
      found.push({ key, value: dump ? dump.toString('latin1') : '' });
    }
    return found;
  }

  it('keeps no Idempotency-Key and no part of a response in Redis, and replays exactly', async () => {
    const alpha = staffAs(app, both['alpha']);
    const keys = {
      export: randomUUID(),
      invite: `invite-${randomUUID()}`,
      ticket: randomUUID(),
      booking: randomUUID(),
    };
    const invite = {
      email: 'Stage.Manager@alpha-idem.test',
      displayName: 'Stage Manager Ada',
      role: 'host',
    };
    const booking = {
      name: 'Ada Lovelace',
      email: 'ada.lovelace@example.test',
      partySize: 2,
    };
    const calls = [
      () =>
        alpha.post(
          '/api/staff/privacy/export',
          { email: VISITOR },
          keys.export,
        ),
      () => alpha.post('/api/staff/users', invite, keys.invite),
      () =>
        publicPost(
          '/api/public/tickets/lookup',
          { token: ticketToken },
          keys.ticket,
        ),
      () =>
        publicPost(
          `/api/public/performances/${performanceId}/reservations`,
          booking,
          keys.booking,
        ),
    ];
    const first = [];
    for (const call of calls) {
      first.push(await call());
    }
    expect(first.map((res) => res.status)).toEqual([200, 201, 200, 202]);
    expect(first[0].body.reservations[0]).toMatchObject({
      name: 'Grace Hopper',
      email: VISITOR,
    });
    expect(first[1].body).toMatchObject({ displayName: 'Stage Manager Ada' });
    expect(first[2].body.qrSvg).toMatch(/^<svg/);

    const stored = await redisContents();
    const records = stored.filter(({ key }) =>
      key.startsWith(`${prefix}idem:`),
    );
    expect(records.length).toBeGreaterThanOrEqual(4);
    for (const { key } of stored) {
      for (const raw of Object.values(keys)) {
        expect(key).not.toContain(raw);
      }
    }
    const fragments = [
      ...Object.values(keys),
      'Grace Hopper',
      VISITOR,
      VISITOR.toLowerCase(),
      '+1 555 0100',
      'Aisle seat',
      'Stage Manager Ada',
      'Stage.Manager@alpha-idem.test',
      'stage.manager@alpha-idem.test',
      'Ada Lovelace',
      'ada.lovelace@example.test',
      'Midsummer Gala',
      reference,
      ticketToken,
      '<svg',
      'qrSvg',
      'reservations',
      'partySize',
      'displayName',
      'anonymisedAt',
      'fingerprint',
      'contentType',
      'application/',
    ];
    for (const { key, value } of stored) {
      for (const fragment of fragments) {
        if (value.includes(fragment)) {
          throw new Error(`${key} holds "${fragment}"`);
        }
      }
    }

    for (const [i, call] of calls.entries()) {
      const again = await call();
      expect(again.status).toBe(first[i].status);
      expect(again.body).toEqual(first[i].body);
      expect(again.text).toBe(first[i].text);
      expect(again.headers['content-type']).toBe(
        first[i].headers['content-type'],
      );
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first[i].headers['idempotent-replayed']).toBeUndefined();
    }
  });

  it('keeps the mismatch and in-flight answers', async () => {
    const alpha = staffAs(app, both['alpha']);
    const key = randomUUID();
    await alpha
      .post('/api/staff/privacy/export', { email: VISITOR }, key)
      .expect(200);
    const other = await alpha
      .post('/api/staff/privacy/export', { email: 'x@example.test' }, key)
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_MISMATCH');

    const slowKey = randomUUID();
    const slow = publicPost(
      '/api/public/probe',
      { text: 'slow', delayMs: 600 },
      slowKey,
    ).then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const busy = await publicPost(
      '/api/public/probe',
      { text: 'slow', delayMs: 600 },
      slowKey,
    ).expect(409);
    expect(busy.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect((await slow).status).toBe(201);
    const different = await publicPost(
      '/api/public/probe',
      { text: 'fast' },
      slowKey,
    ).expect(422);
    expect(different.body.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
  });

  it('scopes a staff record by tenant: the same key from the same user in another tenant runs there', async () => {
    const key = randomUUID();
    const invite = {
      email: 'door.host@multi-idem.test',
      displayName: 'Door Host',
      role: 'host',
    };
    const inAlpha = await staffAs(app, both['alpha'])
      .post('/api/staff/users', invite, key)
      .expect(201);
    const inBravo = await staffAs(app, both['bravo'])
      .post('/api/staff/users', invite, key)
      .expect(201);
    expect(inBravo.headers['idempotent-replayed']).toBeUndefined();
    const bravoUsers = await staffAs(app, both['bravo'])
      .get('/api/staff/users')
      .expect(200);
    expect(
      bravoUsers.body.items.map((u: { email: string }) => u.email),
    ).toContain('door.host@multi-idem.test');

    // A tenant's export is never answered from another tenant's record.
    const exportKey = randomUUID();
    const alphaExport = await staffAs(app, both['alpha'])
      .post('/api/staff/privacy/export', { email: VISITOR }, exportKey)
      .expect(200);
    expect(alphaExport.body.reservations).toHaveLength(1);
    const bravoExport = await staffAs(app, both['bravo'])
      .post('/api/staff/privacy/export', { email: VISITOR }, exportKey)
      .expect(200);
    expect(bravoExport.headers['idempotent-replayed']).toBeUndefined();
    expect(bravoExport.body.reservations).toEqual([]);

    // Each tenant replays its own first response.
    const alphaAgain = await staffAs(app, both['alpha'])
      .post('/api/staff/users', invite, key)
      .expect(201);
    expect(alphaAgain.headers['idempotent-replayed']).toBe('true');
    expect(alphaAgain.body).toEqual(inAlpha.body);
    const bravoAgain = await staffAs(app, both['bravo'])
      .post('/api/staff/users', invite, key)
      .expect(201);
    expect(bravoAgain.headers['idempotent-replayed']).toBe('true');
    expect(bravoAgain.body).toEqual(inBravo.body);
  });

  it('does not run a retry again when a record written before sealing exists (rolling deploy)', async () => {
    const sha256 = (value: string) =>
      createHash('sha256').update(value).digest('hex');
    const legacy = async (key: string, record: object) => {
      for (const ip of ['127.0.0.1', '::1']) {
        await redis.set(
          `${prefix}idem:${sha256(`ip:${ip}\nPOST\n/api/public/probe\n${key}`)}`,
          JSON.stringify(record),
          'EX',
          60,
        );
      }
    };
    const body = { text: 'before the deploy' };
    const fingerprint = sha256(
      `POST\n/api/public/probe\n${JSON.stringify(body)}`,
    );
    const done = randomUUID();
    await legacy(done, {
      state: 'done',
      fingerprint,
      status: 201,
      contentType: 'application/json',
      body: JSON.stringify({ call: 0, text: body.text }),
    });
    const running = randomUUID();
    await legacy(running, { state: 'pending', fingerprint });
    const before = probe.calls;

    const replay = await publicPost('/api/public/probe', body, done).expect(
      201,
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual({ call: 0, text: body.text });
    const busy = await publicPost('/api/public/probe', body, running).expect(
      409,
    );
    expect(busy.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    const other = await publicPost(
      '/api/public/probe',
      { text: 'another' },
      done,
    ).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
    expect(probe.calls).toBe(before);
  });

  it('refuses, and never re-runs, a request whose sealed record was tampered with', async () => {
    const key = randomUUID();
    const body = { text: 'sealed' };
    await publicPost('/api/public/probe', body, key).expect(201);
    const before = probe.calls;
    const records = (await redisContents()).filter(({ key: name }) =>
      name.startsWith(`${prefix}idem:v1:`),
    );
    for (const { key: name } of records) {
      const value = await redis.get(name);
      if (value !== null) {
        // Flip a character of every sealed record: none of them opens any more.
        const at = value.length - 2;
        const flipped = value[at] === 'A' ? 'B' : 'A';
        await redis.set(
          name,
          value.slice(0, at) + flipped + value.slice(at + 1),
          'KEEPTTL',
        );
      }
    }
    const res = await publicPost('/api/public/probe', body, key).expect(409);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect(probe.calls).toBe(before);
  });
});
