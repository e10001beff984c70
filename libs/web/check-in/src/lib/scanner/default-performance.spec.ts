import { defaultPerformance } from './scanner-page';

const at = (h: number) => new Date(Date.UTC(2030, 4, 1, h)).toISOString();
const show = (id: string, opens: number, ends: number) => ({
  id,
  title: id,
  startsAt: at(opens + 1),
  checkInOpensAt: at(opens),
  endsAt: at(ends),
});

describe('defaultPerformance', () => {
  const list = [show('matinee', 13, 16), show('evening', 18, 22)];
  it('picks the one whose check-in is open, else the next, else none', () => {
    expect(defaultPerformance(list, Date.parse(at(19)))?.id).toBe('evening');
    expect(defaultPerformance(list, Date.parse(at(17)))?.id).toBe('evening');
    expect(defaultPerformance(list, Date.parse(at(14)))?.id).toBe('matinee');
    expect(defaultPerformance(list, Date.parse(at(23)))).toBeNull();
  });
});
