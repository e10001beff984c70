import { INestApplication } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { verifyChain } from './audit-chain';
import { AuditEventRepository } from './audit-event.repository';
import { AuditLog } from './audit-log.service';
import { AuditModule } from './audit.module';

/**
 * The tenancy walk: every repository method on a connection row-level security does not
 * restrict (a superuser), inside tenant A, must neither read nor change tenant B's rows.
 */
describe('audit repository scopes every statement to its tenant (RLS bypassed)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let context: TenantContext;
  let repository: AuditEventRepository;
  let a: string;
  let b: string;
  const actorB = randomUUID();

  const snapshot = async (tenant: string) => {
    const plain = app.get(DataSource);
    return {
      events: await plain.query(
        'SELECT id, seq, hash FROM audit_event WHERE tenant_id = $1 ORDER BY seq',
        [tenant],
      ),
      head: await plain.query(
        'SELECT seq, hash FROM audit_head WHERE tenant_id = $1',
        [tenant],
      ),
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule],
      env: { DATABASE_URL: db.bypassRlsUrl },
    });
    context = app.get(TenantContext);
    repository = app.get(AuditEventRepository);
    a = await createTenantRow(app, 'alpha');
    b = await createTenantRow(app, 'bravo');
    for (let n = 0; n < 3; n += 1) {
      await context.run(b, () =>
        app.get(AuditLog).record({
          action: 'test.bravo',
          actorId: actorB,
          targetType: 'test',
          targetId: String(n),
        }),
      );
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reads nothing of another tenant and changes nothing of it', async () => {
    const before = await snapshot(b);
    expect(before.events).toHaveLength(3);

    await context.run(a, async () => {
      // A has no chain yet: B's head is not A's.
      await expect(repository.lockHead()).resolves.toBeNull();
      await expect(repository.page({ actorId: actorB }, 10)).resolves.toEqual(
        [],
      );
      await expect(
        repository.page({ action: 'test.bravo' }, 10),
      ).resolves.toEqual([]);
      await expect(repository.page({}, 10)).resolves.toEqual([]);
      await expect(
        repository.page(
          { beforeSeq: '99', from: '2000-01-01T00:00:00.000Z' },
          10,
        ),
      ).resolves.toEqual([]);
      await expect(repository.chain()).resolves.toEqual([]);

      await repository.createHead();
      await expect(repository.lockHead()).resolves.toEqual({
        seq: '0',
        hash: '',
      });
      // Appending in A moves A's head only.
      await app
        .get(AuditLog)
        .record({ action: 'test.alpha', targetType: 'test' });
      const head = await repository.lockHead();
      expect(head?.seq).toBe('1');
      const chain = await repository.chain();
      expect(chain.map((event) => [event.tenantId, event.action])).toEqual([
        [a, 'test.alpha'],
      ]);
      expect(verifyChain(chain).ok).toBe(true);
    });

    expect(await snapshot(b)).toEqual(before);
    await context.run(b, async () => {
      const chain = await repository.chain();
      expect(chain.map((event) => event.action)).toEqual([
        'test.bravo',
        'test.bravo',
        'test.bravo',
      ]);
      expect(verifyChain(chain)).toEqual({ ok: true, checked: 3 });
    });
  });
});
