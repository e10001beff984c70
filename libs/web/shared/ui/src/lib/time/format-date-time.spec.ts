import { deviceTimeZone, formatDateTime } from './format-date-time';

// 18:30 UTC on a Saturday: 19:30 in Berlin (CET), 14:30 in New York (EDT since 10 March).
const EVENING = '2030-03-16T18:30:00.000Z';
// 23:30 UTC: already the next day in Berlin, still the same day in New York.
const LATE = '2030-03-16T23:30:00.000Z';

describe('formatDateTime', () => {
  it.each([
    ['UTC', EVENING, '16 Mar 2030, 18:30'],
    ['Europe/Berlin', EVENING, '16 Mar 2030, 19:30'],
    ['America/New_York', EVENING, '16 Mar 2030, 14:30'],
    ['UTC', LATE, '16 Mar 2030, 23:30'],
    ['Europe/Berlin', LATE, '17 Mar 2030, 00:30'],
    ['America/New_York', LATE, '16 Mar 2030, 19:30'],
  ])('shows the instant in %s', (zone, iso, text) => {
    expect(formatDateTime(iso, zone, 'en-GB')).toBe(text);
  });

  it('writes out a performance for visitors in the venue zone', () => {
    expect(formatDateTime(EVENING, 'Europe/Berlin', 'en-GB', 'long')).toMatch(
      /^Saturday,? 16 March 2030 at 19:30$/,
    );
    expect(
      formatDateTime(EVENING, 'America/New_York', 'en-GB', 'long'),
    ).toContain('14:30');
    expect(formatDateTime(LATE, 'Europe/Berlin', 'en-GB', 'long')).toMatch(
      /^Sunday,? 17 March 2030 at 00:30$/,
    );
  });

  it('has a style for each place a time is shown', () => {
    expect(formatDateTime(EVENING, 'UTC', 'en-GB', 'time')).toBe('18:30');
    expect(formatDateTime(EVENING, 'America/New_York', 'en-GB', 'time')).toBe(
      '14:30',
    );
    expect(formatDateTime(EVENING, 'Europe/Berlin', 'en-GB', 'short')).toMatch(
      /^Sat,? 16 Mar,? 19:30$/,
    );
    expect(
      formatDateTime('2030-03-16T18:30:05.000Z', 'UTC', 'en-GB', 'precise'),
    ).toBe('16 Mar 2030, 18:30:05');
  });

  it('shows the device zone, named, when the venue zone is unknown or unusable', () => {
    const local = formatDateTime(EVENING, deviceTimeZone(), 'en-GB', 'long');
    const unknown = formatDateTime(EVENING, null, 'en-GB', 'long');
    expect(unknown.startsWith(local)).toBe(true);
    expect(unknown.length).toBeGreaterThan(local.length);
    expect(formatDateTime(EVENING, 'Not/AZone', 'en-GB', 'long')).toBe(unknown);
    expect(formatDateTime(EVENING, 'Not/AZone', 'en-GB')).toMatch(/2030/);
  });

  it('leaves an empty or unreadable instant empty', () => {
    expect(formatDateTime(null, 'UTC')).toBe('');
    expect(formatDateTime(undefined, 'UTC')).toBe('');
    expect(formatDateTime('', 'UTC')).toBe('');
    expect(formatDateTime('not a date', 'UTC')).toBe('');
  });

  it('formats for people in the device zone by default of the page', () => {
    expect(formatDateTime('2030-06-15T18:45:00Z', deviceTimeZone())).toMatch(
      /2030/,
    );
  });
});

describe('deviceTimeZone', () => {
  it('is the IANA zone Intl resolves for this device', () => {
    expect(deviceTimeZone()).toBe(
      new Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
  });
});
