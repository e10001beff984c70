import { INestApplication } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { verifyChain } from './audit-chain';
import { AuditLog } from './audit-log.service';
import { AuditModule } from './audit.module';
import { AuditEvent } from './entities/audit-event.entity';

describe('audit hash chain under concurrent writers (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule],
      env: { DATABASE_POOL_SIZE: '20' },
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const record = (tenant: string, n: number) =>
    app.get(TenantContext).run(tenant, () =>
      app.get(AuditLog).record({
        action: 'test.concurrent',
        targetType: 'test',
        targetId: String(n),
        metadata: { n },
      }),
    );

  const chainOf = (tenant: string) =>
    app
      .get(TenantContext)
      .run(tenant, (manager) =>
        manager.find(AuditEvent, { order: { seq: 'ASC' } }),
      );

  it('keeps one unbroken chain per tenant when many transactions append at once, from the very first event', async () => {
    const alpha = await createTenantRow(app, 'alpha');
    const bravo = await createTenantRow(app, 'bravo');
    // Both tenants start empty: the first writers race to create the chain head too.
    await Promise.all(
      Array.from({ length: 60 }, (_, n) => record(n % 2 ? alpha : bravo, n)),
    );
    for (const tenant of [alpha, bravo]) {
      const rows = await chainOf(tenant);
      expect(rows.map((row) => Number(row.seq))).toEqual(
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
      expect(rows[0].previousHash).toBeNull();
      expect(verifyChain(rows)).toEqual({ ok: true, checked: 30 });
    }
    // A later writer continues where the head says, after a quiet spell too.
    await record(alpha, 99);
    const rows = await chainOf(alpha);
    expect(rows).toHaveLength(31);
    expect(rows[30].previousHash).toBe(rows[29].hash);
    expect(verifyChain(rows).ok).toBe(true);
  });

  it('rolls the head back with the transaction: an aborted change leaves no gap', async () => {
    const tenant = await createTenantRow(app, 'charlie');
    await record(tenant, 1);
    await expect(
      app.get(TenantContext).run(tenant, async () => {
        await app
          .get(AuditLog)
          .record({ action: 'test.aborted', targetType: 'test' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await record(tenant, 2);
    const rows = await chainOf(tenant);
    expect(rows.map((row) => [Number(row.seq), row.action])).toEqual([
      [1, 'test.concurrent'],
      [2, 'test.concurrent'],
    ]);
    expect(verifyChain(rows).ok).toBe(true);
  });
});
