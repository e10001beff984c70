import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import { Realtime, RealtimeModule } from '@foyer/api/realtime';
import { ReservationTokens } from '@foyer/api/reservations';
import {
  TestDatabase,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { CheckInModule } from './check-in.module';

const HOUR = 3_600_000;
const DOOR_KEYS = ['reference', 'partySize', 'performance'];

interface Ticket {
  id: string;
  checkin: string;
  confirm: string;
  cancel: string;
}

describe('check-in at the door (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let owner: Client;
  let tenants: Record<string, string>;
  let tokens: Record<string, string>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, RealtimeModule, CheckInModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '10000',
        DATABASE_POOL_SIZE: '20',
      },
    });
    ({ tenants, tokens } = await seedStaff(app, {
      alpha: ['manager', 'host', 'kitchen'],
      bravo: ['manager'],
    }));
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await db?.drop();
  });

  const as = (who: string) => staffAs(app, tokens[who]);

  /** A performance whose check-in window is open now unless told otherwise. */
  async function performance(
    tenant = 'alpha',
    window: { opensIn?: number; endsIn?: number } = {},
  ): Promise<string> {
    const opens = new Date(Date.now() + (window.opensIn ?? -HOUR));
    const ends = new Date(Date.now() + (window.endsIn ?? 3 * HOUR));
    const starts = new Date(
      Math.max(opens.getTime(), ends.getTime() - 2 * HOUR),
    );
    return app.get(TenantContext).run(tenants[tenant], async (m) => {
      const [room] = await m.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', 100) RETURNING id`,
        [tenants[tenant]],
      );
      const [row] = await m.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status)
         VALUES ($1, $2, 'Hamlet', $3, $4, $5, 'open') RETURNING id`,
        [tenants[tenant], room.id, starts, ends, opens],
      );
      return row.id as string;
    });
  }

  /** A reservation with one token of each purpose, issued the way the reservations module does. */
  async function ticket(
    performanceId: string,
    options: { tenant?: string; status?: string; partySize?: number } = {},
  ): Promise<Ticket> {
    const tenantId = tenants[options.tenant ?? 'alpha'];
    return app.get(TenantContext).run(tenantId, async (m) => {
      const reference =
        `${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 4)}`.toUpperCase();
      const [row] = await m.query(
        `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, phone, notes, party_size, status, confirmed_at)
         VALUES ($1, $2, $3, 'Ada Lovelace', 'ada@example.test', '+44 20 7946 0000', 'window seat', $4, $5, now()) RETURNING id`,
        [
          tenantId,
          performanceId,
          reference,
          options.partySize ?? 2,
          options.status ?? 'confirmed',
        ],
      );
      const tokens = app.get(ReservationTokens);
      return {
        id: row.id,
        checkin: await tokens.issue(row.id, 'checkin', null),
        confirm: await tokens.issue(
          row.id,
          'confirm',
          new Date(Date.now() + HOUR),
        ),
        cancel: await tokens.issue(row.id, 'cancel', null),
      };
    });
  }

  const auditRows = async (reservationId: string, action: string) =>
    (
      await owner.query(
        `SELECT actor_id, metadata FROM audit_event WHERE target_id = $1 AND action = $2`,
        [reservationId, action],
      )
    ).rows as { actor_id: string; metadata: Record<string, unknown> }[];

  it('previews, confirms exactly once with staff and time stored, and reports the first time on a repeat', async () => {
    const perf = await performance();
    const t = await ticket(perf, { partySize: 3 });
    const host = as('host@alpha');

    const preview = await host
      .post('/api/staff/check-in/preview', {
        token: t.checkin,
        performanceId: perf,
      })
      .expect(200);
    expect(preview.body).toEqual({
      state: 'VALID',
      reservation: {
        reference: expect.any(String),
        partySize: 3,
        performance: expect.any(Object),
      },
    });
    expect(Object.keys(preview.body.reservation).sort()).toEqual(
      [...DOOR_KEYS].sort(),
    );
    expect(Object.keys(preview.body.reservation.performance).sort()).toEqual([
      'id',
      'startsAt',
      'title',
    ]);
    expect(preview.body.reservation.performance).toMatchObject({
      id: perf,
      title: 'Hamlet',
    });

    const confirmed = await host
      .post('/api/staff/check-in/confirm', {
        token: t.checkin,
        performanceId: perf,
      })
      .expect(200);
    expect(Object.keys(confirmed.body).sort()).toEqual([
      'checkedInAt',
      'reservation',
      'state',
    ]);
    expect(confirmed.body).toMatchObject({
      state: 'CHECKED_IN',
      reservation: preview.body.reservation,
    });
    expect(Object.keys(confirmed.body.reservation).sort()).toEqual(
      [...DOOR_KEYS].sort(),
    );

    const stored = await owner.query(
      `SELECT checked_in_at, checked_in_by FROM reservation WHERE id = $1`,
      [t.id],
    );
    const hostId = (
      await owner.query(
        `SELECT id FROM app_user WHERE email = 'host@alpha.test'`,
      )
    ).rows[0].id;
    expect(stored.rows[0].checked_in_by).toBe(hostId);
    expect(stored.rows[0].checked_in_at.toISOString()).toBe(
      confirmed.body.checkedInAt,
    );

    const again = await host
      .post('/api/staff/check-in/confirm', { token: t.checkin })
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'ALREADY_CHECKED_IN',
      checkedInAt: confirmed.body.checkedInAt,
    });
    const previewAgain = await host
      .post('/api/staff/check-in/preview', { token: t.checkin })
      .expect(200);
    expect(previewAgain.body).toMatchObject({
      state: 'ALREADY_CHECKED_IN',
      checkedInAt: confirmed.body.checkedInAt,
    });

    for (const body of [
      preview.body,
      confirmed.body,
      again.body,
      previewAgain.body,
    ]) {
      const text = JSON.stringify(body);
      expect(text).not.toMatch(
        /Ada|ada@|\+44|window seat|name|email|phone|notes/,
      );
      expect(text).not.toContain(t.checkin);
    }
    const audit = await auditRows(t.id, 'reservation.checked_in');
    expect(audit).toEqual([
      { actor_id: hostId, metadata: expect.objectContaining({ partySize: 3 }) },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Ada|ada@|\+44/);
    expect(JSON.stringify(audit)).not.toContain(t.checkin);
  });

  it('admits exactly one of 100 concurrent confirms of one ticket, with one audit row', async () => {
    const perf = await performance();
    const t = await ticket(perf);
    const host = as('host@alpha');
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        host.post('/api/staff/check-in/confirm', {
          token: t.checkin,
          performanceId: perf,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const winner = responses.find((r) => r.status === 200)?.body;
    for (const loser of responses.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        checkedInAt: winner.checkedInAt,
      });
    }
    expect(await auditRows(t.id, 'reservation.checked_in')).toHaveLength(1);
  });

  it('shares door-count recounts among admissions close together, and publishes the final count', async () => {
    const perf = await performance();
    const tickets = [];
    for (let i = 0; i < 20; i += 1) {
      tickets.push(await ticket(perf));
    }
    const emitted = jest.spyOn(app.get(Realtime), 'toStaff');
    const host = as('host@alpha');
    const responses = await Promise.all(
      tickets.map((t) =>
        host.post('/api/staff/check-in/confirm', {
          token: t.checkin,
          performanceId: perf,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const counts = emitted.mock.calls
      .map(
        ([, , payload]) =>
          payload as { performanceId: string; checkedInParties: number },
      )
      .filter((payload) => payload.performanceId === perf);
    emitted.mockRestore();
    expect(counts.length).toBeGreaterThanOrEqual(1);
    expect(counts.length).toBeLessThan(20);
    expect(counts.at(-1)?.checkedInParties).toBe(20);
  });

  it('answers a retried scan with the same nonce with the first 200, a new nonce with 409', async () => {
    const perf = await performance();
    const t = await ticket(perf);
    const host = as('host@alpha');
    const first = await host
      .post('/api/staff/check-in/confirm', {
        token: t.checkin,
        nonce: 'scan-1',
      })
      .expect(200);
    const retry = await host
      .post('/api/staff/check-in/confirm', {
        token: t.checkin,
        nonce: 'scan-1',
      })
      .expect(200);
    expect(retry.body).toEqual(first.body);
    const other = await host
      .post('/api/staff/check-in/confirm', {
        token: t.checkin,
        nonce: 'scan-2',
      })
      .expect(409);
    expect(other.body.code).toBe('ALREADY_CHECKED_IN');
    await host
      .post('/api/staff/check-in/confirm', { token: t.checkin })
      .expect(409);
    expect(await auditRows(t.id, 'reservation.checked_in')).toHaveLength(1);
  });

  it('reaches every state, and confirm refuses each non-valid one with its code', async () => {
    const open = await performance();
    const other = await performance();
    const early = await performance('alpha', {
      opensIn: HOUR,
      endsIn: 4 * HOUR,
    });
    const over = await performance('alpha', {
      opensIn: -4 * HOUR,
      endsIn: -HOUR,
    });
    const host = as('host@alpha');
    const cases: [string, string, string | undefined][] = [
      ['VALID', (await ticket(open)).checkin, open],
      [
        'NOT_CONFIRMED',
        (await ticket(open, { status: 'pending' })).checkin,
        open,
      ],
      [
        'CANCELLED',
        (await ticket(open, { status: 'cancelled' })).checkin,
        open,
      ],
      ['WRONG_PERFORMANCE', (await ticket(open)).checkin, other],
      ['OUTSIDE_WINDOW', (await ticket(early)).checkin, early],
      ['OUTSIDE_WINDOW', (await ticket(over)).checkin, undefined],
      ['TOKEN_INVALID', 'A'.repeat(43), undefined],
    ];
    for (const [state, token, performanceId] of cases) {
      const preview = await host
        .post('/api/staff/check-in/preview', { token, performanceId })
        .expect(200);
      expect(preview.body.state).toBe(state);
      if (state === 'TOKEN_INVALID') {
        expect(preview.body).toEqual({ state });
      } else {
        expect(Object.keys(preview.body.reservation).sort()).toEqual(
          [...DOOR_KEYS].sort(),
        );
      }
      if (state !== 'VALID') {
        const refused = await host.post('/api/staff/check-in/confirm', {
          token,
          performanceId,
        });
        expect([refused.status, refused.body.code]).toEqual([
          state === 'TOKEN_INVALID' ? 404 : 409,
          state,
        ]);
        expect(JSON.stringify(refused.body)).not.toContain(token);
      }
    }
  });

  it('treats another tenant’s ticket, confirmation and cancel tokens, and a revoked ticket as TOKEN_INVALID', async () => {
    const mine = await performance();
    const theirs = await performance('bravo');
    const foreign = await ticket(theirs, { tenant: 'bravo' });
    const t = await ticket(mine);
    const host = as('host@alpha');
    for (const token of [
      foreign.checkin,
      t.confirm,
      t.cancel,
      foreign.confirm,
    ]) {
      expect(
        (await host.post('/api/staff/check-in/preview', { token }).expect(200))
          .body,
      ).toEqual({
        state: 'TOKEN_INVALID',
      });
      expect(
        (await host.post('/api/staff/check-in/confirm', { token }).expect(404))
          .body.code,
      ).toBe('TOKEN_INVALID');
    }
    // resend-ticket revokes the old check-in token: its QR stops working.
    await app
      .get(TenantContext)
      .run(tenants['alpha'], () =>
        app.get(ReservationTokens).revoke(t.id, ['checkin']),
      );
    expect(
      (
        await host
          .post('/api/staff/check-in/confirm', { token: t.checkin })
          .expect(404)
      ).body.code,
    ).toBe('TOKEN_INVALID');
    const untouched = await owner.query(
      `SELECT checked_in_at FROM reservation WHERE id = ANY($1)`,
      [[foreign.id, t.id]],
    );
    expect(untouched.rows.map((r) => r.checked_in_at)).toEqual([null, null]);
    // The owner of the foreign ticket still admits it.
    await as('manager@bravo')
      .post('/api/staff/check-in/confirm', { token: foreign.checkin })
      .expect(200);
  });

  it('says CANCELLED for a ticket staff cancelled (the cancel revokes its tokens), not TOKEN_INVALID', async () => {
    const perf = await performance();
    const t = await ticket(perf);
    const resent = await ticket(perf);
    // What the staff cancel does: status, then every token of the booking revoked. The
    // second booking had its ticket resent first, so its old QR was revoked while confirmed.
    await app.get(TenantContext).run(tenants['alpha'], async (m) => {
      await app.get(ReservationTokens).revoke(resent.id, ['checkin']);
      await m.query(
        `UPDATE reservation SET status = 'cancelled', cancelled_at = now() WHERE id = ANY($1)`,
        [[t.id, resent.id]],
      );
      for (const id of [t.id, resent.id]) {
        await app
          .get(ReservationTokens)
          .revoke(id, ['confirm', 'checkin', 'cancel']);
      }
    });
    const host = as('host@alpha');
    for (const token of [t.checkin, resent.checkin]) {
      const preview = await host
        .post('/api/staff/check-in/preview', { token, performanceId: perf })
        .expect(200);
      expect(preview.body.state).toBe('CANCELLED');
      const refused = await host
        .post('/api/staff/check-in/confirm', { token, performanceId: perf })
        .expect(409);
      expect(refused.body.code).toBe('CANCELLED');
    }
    // The other purposes stay dead.
    const other = await host
      .post('/api/staff/check-in/preview', { token: t.cancel })
      .expect(200);
    expect(other.body).toEqual({ state: 'TOKEN_INVALID' });
  });

  it('needs checkin:scan, and reservations:manage as well to undo', async () => {
    const perf = await performance();
    const t = await ticket(perf);
    const kitchen = as('kitchen@alpha');
    for (const path of ['preview', 'confirm', 'undo']) {
      const res = await kitchen
        .post(`/api/staff/check-in/${path}`, {
          token: t.checkin,
          reason: 'mistake',
        })
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await kitchen
      .get(`/api/staff/performances/${perf}/check-in/stats`)
      .expect(403);
    await http()
      .post('/api/staff/check-in/preview')
      .set('Idempotency-Key', randomUUID())
      .send({ token: t.checkin })
      .expect(401);

    await as('host@alpha')
      .post('/api/staff/check-in/confirm', { token: t.checkin })
      .expect(200);
    const refused = await as('host@alpha')
      .post('/api/staff/check-in/undo', { token: t.checkin, reason: 'mistake' })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(
      (
        await owner.query(
          `SELECT checked_in_at FROM reservation WHERE id = $1`,
          [t.id],
        )
      ).rows[0].checked_in_at,
    ).not.toBeNull();
  });

  it('undoes a check-in with a reason (audited), after which the ticket admits again; stats follow', async () => {
    const perf = await performance();
    const a = await ticket(perf, { partySize: 2 });
    await ticket(perf, { partySize: 4 });
    await ticket(perf, { partySize: 5, status: 'cancelled' });
    await ticket(perf, { partySize: 3, status: 'pending' });
    const manager = as('manager@alpha');
    const stats = () =>
      manager.get(`/api/staff/performances/${perf}/check-in/stats`).expect(200);

    const emitted = jest.spyOn(app.get(Realtime), 'toStaff');
    expect((await stats()).body).toEqual({
      performanceId: perf,
      confirmedParties: 2,
      confirmedSeats: 6,
      checkedInParties: 0,
      checkedInSeats: 0,
    });
    await manager
      .post('/api/staff/check-in/confirm', { token: a.checkin, nonce: 'n1' })
      .expect(200);
    expect((await stats()).body).toMatchObject({
      checkedInParties: 1,
      checkedInSeats: 2,
    });

    await manager
      .post('/api/staff/check-in/undo', { token: a.checkin })
      .expect(400);
    await manager
      .post('/api/staff/check-in/undo', {
        token: a.checkin,
        reason: 'wrong guest',
        extra: 1,
      })
      .expect(400);
    const undone = await manager
      .post('/api/staff/check-in/undo', {
        token: a.checkin,
        reason: 'wrong guest',
      })
      .expect(200);
    expect(undone.body).toMatchObject({
      state: 'VALID',
      reservation: { partySize: 2 },
    });
    expect((await stats()).body).toMatchObject({
      confirmedSeats: 6,
      checkedInParties: 0,
      checkedInSeats: 0,
    });
    const again = await manager
      .post('/api/staff/check-in/undo', {
        token: a.checkin,
        reason: 'wrong guest',
      })
      .expect(409);
    expect(again.body.code).toBe('CONFLICT');

    const [audit] = await auditRows(a.id, 'reservation.check_in_undone');
    expect(audit.metadata).toMatchObject({
      reason: 'wrong guest',
      partySize: 2,
    });
    expect(JSON.stringify(audit)).not.toContain(a.checkin);
    // The nonce of the undone scan no longer replays: a fresh confirm admits again.
    await manager
      .post('/api/staff/check-in/confirm', { token: a.checkin, nonce: 'n1' })
      .expect(200);
    expect(await auditRows(a.id, 'reservation.checked_in')).toHaveLength(2);
    // After the changes (check-in, undo, check-in) the tenant's staff room gets fresh
    // counts; recounts close together may be coalesced, but the last one is current.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only this performance's counts: a recount another test left scheduled may land here.
    const published = emitted.mock.calls
      .filter(
        ([, , payload]) =>
          (payload as { performanceId: string }).performanceId === perf,
      )
      .map(([tenant, event, payload]) => [
        tenant,
        event,
        (payload as { checkedInSeats: number }).checkedInSeats,
      ]);
    expect(published.length).toBeGreaterThanOrEqual(1);
    expect(published.length).toBeLessThanOrEqual(3);
    expect(published.at(-1)).toEqual([tenants['alpha'], 'checkin.updated', 2]);
    emitted.mockRestore();

    await manager
      .get(`/api/staff/performances/${randomUUID()}/check-in/stats`)
      .expect(404);
    await manager
      .get(`/api/staff/performances/not-a-uuid/check-in/stats`)
      .expect(404);
    await as('manager@bravo')
      .get(`/api/staff/performances/${perf}/check-in/stats`)
      .expect(404);
  });

  it('refuses fields a client may not set and malformed tokens without echoing them', async () => {
    const host = as('host@alpha');
    await host
      .post('/api/staff/check-in/confirm', {
        token: 'B'.repeat(43),
        checkedInAt: new Date(),
      })
      .expect(400);
    await host
      .post('/api/staff/check-in/confirm', {
        token: 'B'.repeat(43),
        nonce: 'no spaces',
      })
      .expect(400);
    const bad = await host
      .post('/api/staff/check-in/preview', {
        token: 'secret-token with spaces!',
      })
      .expect(400);
    expect(JSON.stringify(bad.body)).not.toContain('secret-token');
    await host
      .post('/api/staff/check-in/preview', {
        token: 'B'.repeat(43),
        performanceId: 'nope',
      })
      .expect(400);
  });
});
