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
import { PrivacyService } from './privacy.service';
import { ReservationsModule } from './reservations.module';

const DAY = 86_400_000;
const VISITOR = 'Grace.Hopper@example.test';

describe('privacy: export, erase and retention (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let owner: Client;
  let tenants: Record<string, string>;
  let tokens: Record<string, string>;
  const http = () => request(app.getHttpServer());
  const as = (who: string) => staffAs(app, tokens[who]).post;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, ReservationsModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '1000',
        BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_WRITE_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    ({ tenants, tokens } = await seedStaff(app, {
      alpha: ['owner', 'manager'],
      bravo: ['owner'],
    }));
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await db?.drop();
  });

  /** A performance that ended `endedDaysAgo` days ago (negative: in the future). */
  async function performance(slug: string, endedDaysAgo: number) {
    const tenantId = tenants[slug];
    const endsAt = new Date(Date.now() - endedDaysAgo * DAY);
    return app.get(TenantContext).run(tenantId, async (m) => {
      const [room] = await m.query(
        `INSERT INTO room (tenant_id, name, capacity) VALUES ($1, 'Hall', 50) RETURNING id`,
        [tenantId],
      );
      const [row] = await m.query(
        `INSERT INTO performance (tenant_id, room_id, title, starts_at, ends_at, check_in_opens_at, booking_status, max_party_size)
         VALUES ($1, $2, 'Show', $3, $4, $3, 'open', 6) RETURNING id`,
        [tenantId, room.id, new Date(endsAt.getTime() - 2 * 3_600_000), endsAt],
      );
      return row.id as string;
    });
  }

  let references = 0;
  async function reservation(
    slug: string,
    performanceId: string,
    fields: { email?: string; status?: string; partySize?: number } = {},
  ): Promise<{ id: string; reference: string }> {
    const tenantId = tenants[slug];
    const reference = `PRIV-${String(++references).padStart(4, '0')}`;
    return app.get(TenantContext).run(tenantId, async (m) => {
      const [row] = await m.query(
        `INSERT INTO reservation (tenant_id, performance_id, reference, name, email, phone, notes, party_size, status, confirmed_at)
         VALUES ($1, $2, $3, 'Grace Hopper', $4, '+1 555 0100', 'Aisle seat please', $5, $6,
                 CASE WHEN $6 = 'confirmed' THEN now() END)
         RETURNING id, reference`,
        [
          tenantId,
          performanceId,
          reference,
          fields.email ?? VISITOR,
          fields.partySize ?? 2,
          fields.status ?? 'confirmed',
        ],
      );
      return row;
    });
  }

  const rowOf = async (id: string) =>
    (
      await owner.query(
        `SELECT name, email, phone, notes, status, party_size, anonymised_at FROM reservation WHERE id = $1`,
        [id],
      )
    ).rows[0];

  it('exports every reservation of an email in this tenant only, whatever its case', async () => {
    const past = await performance('alpha', 10);
    const next = await performance('alpha', -10);
    const a = await reservation('alpha', past);
    const b = await reservation('alpha', next, {
      email: VISITOR.toLowerCase(),
      status: 'pending',
    });
    await reservation('alpha', next, { email: 'someone.else@example.test' });
    await reservation('bravo', await performance('bravo', -3));

    const res = await as('owner@alpha')('/api/staff/privacy/export', {
      email: VISITOR.toUpperCase(),
    }).expect(200);
    expect(
      res.body.reservations.map((r: { reference: string }) => r.reference),
    ).toEqual([a.reference, b.reference]);
    expect(res.body.reservations[0]).toEqual({
      id: a.id,
      reference: a.reference,
      name: 'Grace Hopper',
      email: VISITOR,
      phone: '+1 555 0100',
      notes: 'Aisle seat please',
      partySize: 2,
      status: 'confirmed',
      createdAt: expect.any(String),
      confirmedAt: expect.any(String),
      cancelledAt: null,
      checkedInAt: null,
      anonymisedAt: null,
      performance: { id: past, title: 'Show', startsAt: expect.any(String) },
    });

    const audit = await owner.query(
      `SELECT action, metadata::text AS metadata FROM audit_event WHERE tenant_id = $1 AND action = 'privacy.exported'`,
      [tenants['alpha']],
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.parse(audit.rows[0].metadata)).toMatchObject({
      reservations: 2,
    });
    expect(audit.rows[0].metadata.toLowerCase()).not.toContain('hopper');
  });

  it('refuses staff without privacy:manage, bad emails and unexpected fields', async () => {
    await as('manager@alpha')('/api/staff/privacy/export', {
      email: VISITOR,
    }).expect(403);
    await as('manager@alpha')('/api/staff/privacy/erase', {
      email: VISITOR,
    }).expect(403);
    await http()
      .post('/api/staff/privacy/export')
      .set('Idempotency-Key', randomUUID())
      .send({ email: VISITOR })
      .expect(401);
    for (const body of [
      {},
      { email: 'not-an-email' },
      { email: `${'x'.repeat(250)}@example.test` },
      { email: VISITOR, tenantId: tenants['bravo'] },
    ]) {
      const res = await as('owner@alpha')(
        '/api/staff/privacy/erase',
        body,
      ).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('erases personal fields in this tenant only; seats, counts and the other tenant stay', async () => {
    const email = 'erase.me@example.test';
    const show = await performance('alpha', -5);
    const confirmed = await reservation('alpha', show, { email, partySize: 3 });
    const pending = await reservation('alpha', show, {
      email,
      status: 'pending',
    });
    const elsewhere = await reservation(
      'bravo',
      await performance('bravo', -5),
      {
        email,
      },
    );
    const seatsBefore = (
      await http().get(`/api/public/performances/${show}`).expect(200)
    ).body.seatsAvailable;

    const res = await as('owner@alpha')('/api/staff/privacy/erase', {
      email,
    }).expect(200);
    expect(res.body).toEqual({ erased: 2 });

    expect(await rowOf(confirmed.id)).toMatchObject({
      name: '',
      email: '',
      phone: null,
      notes: null,
      status: 'confirmed',
      party_size: 3,
      anonymised_at: expect.any(Date),
    });
    // A pending booking holds no seats; confirming it would mail a ticket to nobody.
    expect(await rowOf(pending.id)).toMatchObject({
      email: '',
      status: 'cancelled',
    });
    expect(await rowOf(elsewhere.id)).toMatchObject({
      email,
      name: 'Grace Hopper',
    });
    expect(
      (await http().get(`/api/public/performances/${show}`).expect(200)).body
        .seatsAvailable,
    ).toBe(seatsBefore);

    // Nothing left to export or erase; the ticket cannot be resent to nobody.
    const after = await as('owner@alpha')('/api/staff/privacy/export', {
      email,
    }).expect(200);
    expect(after.body.reservations).toEqual([]);
    expect(
      (
        await as('owner@alpha')('/api/staff/privacy/erase', { email }).expect(
          200,
        )
      ).body,
    ).toEqual({ erased: 0 });
    await as('owner@alpha')(
      `/api/staff/reservations/${confirmed.id}/resend-ticket`,
      {},
    ).expect(409);

    const audit = await owner.query(
      `SELECT metadata::text AS metadata FROM audit_event WHERE action = 'privacy.erased' AND tenant_id = $1`,
      [tenants['alpha']],
    );
    expect(audit.rows.map((r) => JSON.parse(r.metadata).reservations)).toEqual([
      2, 0,
    ]);
    const everything = await owner.query(
      `SELECT string_agg(metadata::text, ' ') AS all FROM audit_event`,
    );
    expect(everything.rows[0].all).not.toContain('erase.me');
  });

  it('revokes the confirmation link of an erased pending booking', async () => {
    const email = 'pending.visitor@example.test';
    const show = await performance('alpha', -5);
    await http()
      .post(`/api/public/performances/${show}/reservations`)
      .set('Idempotency-Key', randomUUID())
      .send({ name: 'Pending Visitor', email, partySize: 1 })
      .expect(202);
    const [mail] = await outboxMails(app, owner, email);
    const token = /\/confirm#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await as('owner@alpha')('/api/staff/privacy/erase', { email }).expect(200);
    const confirm = await http()
      .post('/api/public/reservations/confirm')
      .set('Idempotency-Key', randomUUID())
      .send({ token })
      .expect(409);
    // The erase is the one cancel: the link confirms nothing and says the booking is gone.
    expect(confirm.body.code).toBe('RESERVATION_CANCELLED');
    const seats = await owner.query(
      `SELECT status, cancelled_at IS NOT NULL AS cancelled FROM reservation WHERE reference = $1`,
      [
        (
          await owner.query(
            `SELECT reference FROM reservation WHERE anonymised_at IS NOT NULL AND status = 'cancelled' LIMIT 1`,
          )
        ).rows[0]?.reference,
      ],
    );
    expect(seats.rows).toEqual([{ status: 'cancelled', cancelled: true }]);
  });

  it('anonymises reservations past each tenant’s retention period, once', async () => {
    await owner.query(`UPDATE tenant SET retention_days = 365 WHERE id = $1`, [
      tenants['bravo'],
    ]);
    const expired = await reservation('alpha', await performance('alpha', 91));
    const recent = await reservation('alpha', await performance('alpha', 89));
    const longRetention = await reservation(
      'bravo',
      await performance('bravo', 200),
    );
    const upcoming = await reservation('alpha', await performance('alpha', -1));

    const privacy = app.get(PrivacyService);
    const first = await privacy.runRetention();
    expect(first.reservations).toBeGreaterThanOrEqual(1);
    expect(await rowOf(expired.id)).toMatchObject({
      name: '',
      email: '',
      phone: null,
      notes: null,
      status: 'confirmed',
      party_size: 2,
      anonymised_at: expect.any(Date),
    });
    for (const kept of [recent, longRetention, upcoming]) {
      expect(await rowOf(kept.id)).toMatchObject({
        name: 'Grace Hopper',
        anonymised_at: null,
      });
    }
    expect(await privacy.runRetention()).toEqual({
      tenants: 0,
      reservations: 0,
    });

    const audit = await owner.query(
      `SELECT tenant_id, metadata FROM audit_event WHERE action = 'privacy.retention_anonymised'`,
    );
    expect(audit.rows).toEqual([
      {
        tenant_id: tenants['alpha'],
        metadata: expect.objectContaining({ reservations: first.reservations }),
      },
    ]);
  });
});
