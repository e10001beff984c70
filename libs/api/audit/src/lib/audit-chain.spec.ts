import { createHash } from 'node:crypto';
import {
  AuditChainEvent,
  AuditChainRow,
  chainHash,
  verifyChain,
} from './audit-chain';

const TENANT = '5b0f6c52-0c1e-4f5e-9a57-8f0e8d7f1a01';

function event(
  n: number,
  metadata: Record<string, unknown> = { n },
): AuditChainEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tenantId: TENANT,
    actorId: n % 2 === 0 ? null : 'a1b2c3d4-0000-4000-8000-000000000001',
    action: n === 1 ? 'auth.login' : 'menu.item.updated',
    targetType: 'menu_item',
    targetId: n % 3 === 0 ? null : `t-${n}`,
    metadata,
    occurredAt: `2025-01-0${n}T10:00:00.000Z`,
  };
}

function chain(count: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let previous: string | null = null;
  for (let n = 1; n <= count; n += 1) {
    const e = event(n, {
      n,
      changes: { price: { from: 100 * n, to: 100 * n + 50 } },
    });
    const hash = chainHash(previous, e);
    rows.push({ ...e, previousHash: previous, hash });
    previous = hash;
  }
  return rows;
}

const copy = (rows: AuditChainRow[]): AuditChainRow[] =>
  rows.map((row) => structuredClone(row));

describe('chainHash', () => {
  it('is SHA-256 hex over the previous hash (or GENESIS), a newline and the canonical event', () => {
    const e = event(1);
    const canonical =
      '{"action":"auth.login","actorId":"a1b2c3d4-0000-4000-8000-000000000001",' +
      `"id":"${e.id}","metadata":{"n":1},"occurredAt":"2025-01-01T10:00:00.000Z",` +
      `"targetId":"t-1","targetType":"menu_item","tenantId":"${TENANT}"}`;
    const sha = (text: string) =>
      createHash('sha256').update(text, 'utf8').digest('hex');
    const first = chainHash(null, e);
    expect(first).toBe(sha(`GENESIS\n${canonical}`));
    expect(chainHash(first, e)).toBe(sha(`${first}\n${canonical}`));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order in the event or its metadata', () => {
    const a = event(2, { b: { y: 1, x: [1, 2] }, a: 'z' });
    const b: AuditChainEvent = {
      occurredAt: a.occurredAt,
      metadata: { a: 'z', b: { x: [1, 2], y: 1 } },
      targetId: a.targetId,
      targetType: a.targetType,
      action: a.action,
      actorId: a.actorId,
      tenantId: a.tenantId,
      id: a.id,
    };
    expect(chainHash(null, a)).toBe(chainHash(null, b));
  });

  it('ignores row columns outside the event, such as the stored hash', () => {
    const e = event(1);
    const row = {
      ...e,
      previousHash: null,
      hash: 'f'.repeat(64),
      sequence: 42,
    };
    expect(chainHash(null, row)).toBe(chainHash(null, e));
  });

  it.each<[string, (e: AuditChainEvent) => AuditChainEvent]>([
    ['id', (e) => ({ ...e, id: 'other' })],
    ['tenantId', (e) => ({ ...e, tenantId: 'other' })],
    ['actorId', (e) => ({ ...e, actorId: 'someone-else' })],
    ['action', (e) => ({ ...e, action: 'auth.logout' })],
    ['targetType', (e) => ({ ...e, targetType: 'table' })],
    ['targetId', (e) => ({ ...e, targetId: 't-9' })],
    ['metadata', (e) => ({ ...e, metadata: { n: 2 } })],
    ['occurredAt', (e) => ({ ...e, occurredAt: '2025-01-01T10:00:00.001Z' })],
  ])('changes when %s changes', (_field, change) => {
    const e = event(1);
    expect(chainHash(null, change(e))).not.toBe(chainHash(null, e));
  });

  it('changes with the previous hash', () => {
    const e = event(1);
    expect(chainHash('a'.repeat(64), e)).not.toBe(chainHash('b'.repeat(64), e));
    expect(chainHash('a'.repeat(64), e)).not.toBe(chainHash(null, e));
  });

  it.each(['', 'GENESIS', 'A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64)])(
    'refuses the malformed previous hash %j',
    (previous) => {
      expect(() => chainHash(previous, event(1))).toThrow(TypeError);
    },
  );

  it('refuses metadata that cannot be hashed stably', () => {
    expect(() => chainHash(null, event(1, { at: new Date(0) }))).toThrow();
    expect(() => chainHash(null, event(1, { n: NaN }))).toThrow();
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5 });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
  });

  it.each<[string, (row: AuditChainRow) => void]>([
    ['action', (row) => (row.action = 'menu.item.deleted')],
    [
      'actorId',
      (row) => (row.actorId = 'a1b2c3d4-0000-4000-8000-000000000099'),
    ],
    ['occurredAt', (row) => (row.occurredAt = '2024-12-31T10:00:00.000Z')],
    [
      'a metadata value',
      (row) =>
        ((row.metadata['changes'] as { price: { to: number } }).price.to = 1),
    ],
    ['an added metadata key', (row) => (row.metadata['extra'] = true)],
    ['the stored hash', (row) => (row.hash = '0'.repeat(64))],
    ['metadata made unhashable', (row) => (row.metadata['n'] = Infinity)],
  ])('breaks at the row whose %s was changed', (_what, tamper) => {
    const rows = copy(chain(5));
    tamper(rows[2] as AuditChainRow);
    expect(verifyChain(rows)).toEqual({
      ok: false,
      checked: 3,
      firstBrokenId: rows[2]?.id,
    });
  });

  it('breaks at the next row when a row was changed and re-hashed', () => {
    const rows = copy(chain(5));
    const row = rows[2] as AuditChainRow;
    row.action = 'menu.item.deleted';
    row.hash = chainHash(row.previousHash, row);
    expect(verifyChain(rows)).toEqual({
      ok: false,
      checked: 4,
      firstBrokenId: rows[3]?.id,
    });
  });

  it('breaks at the row after a deleted one', () => {
    const rows = copy(chain(5));
    const [, , deleted, after] = rows;
    rows.splice(2, 1);
    expect(deleted).toBeDefined();
    expect(verifyChain(rows)).toEqual({
      ok: false,
      checked: 3,
      firstBrokenId: after?.id,
    });
  });

  it('breaks at the first row when the first row was deleted', () => {
    const rows = copy(chain(3)).slice(1);
    expect(verifyChain(rows)).toEqual({
      ok: false,
      checked: 1,
      firstBrokenId: rows[0]?.id,
    });
  });

  it('breaks at the first row out of place when rows were reordered', () => {
    const rows = copy(chain(5));
    const [a, b] = [rows[1] as AuditChainRow, rows[2] as AuditChainRow];
    rows[1] = b;
    rows[2] = a;
    expect(verifyChain(rows)).toEqual({
      ok: false,
      checked: 2,
      firstBrokenId: b.id,
    });
  });

  it('breaks when a row claims to start a new chain midway', () => {
    const rows = copy(chain(4));
    const row = rows[2] as AuditChainRow;
    row.previousHash = null;
    row.hash = chainHash(null, row);
    expect(verifyChain(rows)).toEqual({
      ok: false,
      checked: 3,
      firstBrokenId: row.id,
    });
  });

  it('breaks when a row from another chain is spliced in', () => {
    const rows = copy(chain(4));
    const foreign = copy(chain(4))[2] as AuditChainRow;
    foreign.tenantId = '00000000-0000-4000-8000-00000000ffff';
    foreign.hash = chainHash(foreign.previousHash, foreign);
    rows.splice(3, 0, foreign);
    expect(verifyChain(rows).firstBrokenId).toBe(foreign.id);
  });

  it('resumes from a checkpoint hash', () => {
    const rows = chain(6);
    const checkpoint = rows[2]?.hash ?? null;
    expect(verifyChain(rows.slice(3), { previousHash: checkpoint })).toEqual({
      ok: true,
      checked: 3,
    });
    expect(verifyChain(rows.slice(3))).toEqual({
      ok: false,
      checked: 1,
      firstBrokenId: rows[3]?.id,
    });
  });

  it('cannot see a truncated tail on its own (the documented limit)', () => {
    expect(verifyChain(chain(5).slice(0, 3))).toEqual({ ok: true, checked: 3 });
  });
});
