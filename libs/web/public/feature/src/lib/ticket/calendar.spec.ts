import { icsDataUrl, icsDocument } from './calendar';

const EVENT = {
  uid: 'ABCD-EFGH@foyer',
  title: 'Hamlet; or, the Prince\\Dane',
  description: 'Booking ABCD-EFGH\n2 seats',
  start: new Date('2030-03-16T18:30:00.000Z'),
  end: new Date('2030-03-16T21:00:00.000Z'),
};
const NOW = new Date('2030-01-01T10:00:00.500Z');

describe('icsDocument', () => {
  it('writes one event in UTC with escaped text and CRLF lines', () => {
    const ics = icsDocument(EVENT, NOW);
    expect(ics.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Foyer//Public booking//EN',
      'CALSCALE:GREGORIAN',
      'BEGIN:VEVENT',
      'UID:ABCD-EFGH@foyer',
      'DTSTAMP:20300101T100000Z',
      'DTSTART:20300316T183000Z',
      'DTEND:20300316T210000Z',
      'SUMMARY:Hamlet\\; or\\, the Prince\\\\Dane',
      'DESCRIPTION:Booking ABCD-EFGH\\n2 seats',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    const ics = icsDocument({ ...EVENT, title: 'Ü'.repeat(100) }, NOW);
    const lines = ics.split('\r\n');
    const encoder = new TextEncoder();
    for (const line of lines)
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    const summary = ics
      .slice(ics.indexOf('SUMMARY:'))
      .split('\r\nDESCRIPTION')[0]
      .replace(/\r\n /g, '');
    expect(summary).toBe(`SUMMARY:${'Ü'.repeat(100)}`);
  });

  it('makes a data: URL for the download link', () => {
    expect(icsDataUrl(EVENT, NOW)).toMatch(
      /^data:text\/calendar;charset=utf-8,BEGIN%3AVCALENDAR%0D%0A/,
    );
  });
});
