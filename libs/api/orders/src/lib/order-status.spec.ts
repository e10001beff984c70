import {
  canTransition,
  isOrderStatus,
  nextStatuses,
  ORDER_STATUSES,
  OrderStatus,
} from './order-status';

// Written from docs/architecture.md, independently of the implementation: each move as "from>to".
const ALLOWED = new Set([
  'received>accepted',
  'accepted>preparing',
  'preparing>ready',
  'ready>served',
  'received>cancelled',
  'accepted>cancelled',
  'preparing>cancelled',
  'ready>cancelled',
]);
const STATUSES = [
  'received',
  'accepted',
  'preparing',
  'ready',
  'served',
  'cancelled',
] as const;

const pairs = STATUSES.flatMap((from) =>
  STATUSES.map((to) => [from, to, ALLOWED.has(`${from}>${to}`)] as const),
);

describe('order status transitions', () => {
  it('knows exactly the six statuses of the contract', () => {
    expect([...ORDER_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect(pairs).toHaveLength(36);
  });

  it.each(pairs)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each(STATUSES)('nextStatuses(%s) agrees with the table', (from) => {
    const expected = STATUSES.filter((to) => ALLOWED.has(`${from}>${to}`));
    expect([...nextStatuses(from)].sort()).toEqual([...expected].sort());
  });

  it('never stays in place, skips a step or goes back', () => {
    for (const [i, from] of STATUSES.slice(0, 5).entries()) {
      expect(canTransition(from, from)).toBe(false);
      for (const later of STATUSES.slice(i + 2, 5)) {
        expect(canTransition(from, later)).toBe(false);
      }
      for (const earlier of STATUSES.slice(0, i)) {
        expect(canTransition(from, earlier)).toBe(false);
      }
    }
  });

  it('treats served and cancelled as final', () => {
    expect(nextStatuses('served')).toEqual([]);
    expect(nextStatuses('cancelled')).toEqual([]);
  });

  it('allows nothing from or to an unknown status, prototype names included', () => {
    for (const bogus of [
      'done',
      'RECEIVED',
      '',
      'constructor',
      '__proto__',
      'toString',
    ]) {
      expect(nextStatuses(bogus as OrderStatus)).toEqual([]);
      expect(canTransition(bogus as OrderStatus, 'cancelled')).toBe(false);
      expect(canTransition('received', bogus as OrderStatus)).toBe(false);
    }
  });

  it('hands out lists no caller can change', () => {
    const next = nextStatuses('received') as OrderStatus[];
    expect(() => next.push('served')).toThrow(TypeError);
    expect(canTransition('received', 'served')).toBe(false);
  });

  it('recognises statuses exactly', () => {
    expect(isOrderStatus('ready')).toBe(true);
    expect(isOrderStatus('Ready')).toBe(false);
    expect(isOrderStatus(null)).toBe(false);
  });
});
