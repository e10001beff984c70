import { sessionRoom, staffRoom, tableRoom } from './realtime.service';

describe('room names', () => {
  it('keeps tenants and tables in separate name spaces', () => {
    expect(staffRoom('a')).toBe('tenant:a');
    expect(tableRoom('a')).toBe('table:a');
    expect(staffRoom('a')).not.toBe(tableRoom('a'));
    expect(sessionRoom('a')).toBe('session:a');
    expect(
      new Set([staffRoom('a'), tableRoom('a'), sessionRoom('a')]).size,
    ).toBe(3);
  });
});
