import { isoToLocal, localToIso } from './local-time';

describe('local time', () => {
  it('turns local date-times into UTC ISO strings', () => {
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('2030-01-01T10:00')).toBe(
      new Date('2030-01-01T10:00').toISOString(),
    );
    expect(localToIso('garbage')).toBeUndefined();
  });

  it('round-trips an instant through a datetime-local value (minutes)', () => {
    const iso = new Date('2030-06-15T18:45').toISOString();
    expect(isoToLocal(iso)).toBe('2030-06-15T18:45');
    expect(localToIso(isoToLocal(iso))).toBe(iso);
    expect(isoToLocal(null)).toBe('');
    expect(isoToLocal('nope')).toBe('');
  });
});
