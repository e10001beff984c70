/** How much of an instant a page shows. */
export type DateTimeStyle = 'long' | 'medium' | 'precise' | 'short' | 'time';

const STYLES: Readonly<Record<DateTimeStyle, Intl.DateTimeFormatOptions>> = {
  /** "Saturday 16 March 2030 at 19:30": a performance, as a visitor reads it. */
  long: {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  },
  /** "16 Mar 2030, 19:30": a row of a staff list. */
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  /** "16 Mar 2030, 19:30:05": the audit trail, where seconds tell events apart. */
  precise: { dateStyle: 'medium', timeStyle: 'medium' },
  /** "Sat 16 Mar, 19:30": a performance picked at the door. */
  short: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  },
  /** "19:30": an order's or an admission's time of day. */
  time: { timeStyle: 'short' },
};

/**
 * The zone this device shows times in. A page that does not know the venue's zone passes
 * this one explicitly, so the page says which zone its times are in.
 */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * An ISO-8601 instant for people, in `timeZone` (an IANA name such as "Europe/Berlin").
 * `null`, or a zone Intl does not know, shows the device's own zone and names it ("CET"),
 * so nobody mistakes it for the venue's. '' for an empty or unreadable instant.
 */
export function formatDateTime(
  iso: string | null | undefined,
  timeZone: string | null,
  locale?: string,
  style: DateTimeStyle = 'medium',
): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  const options = STYLES[style];
  if (timeZone !== null) {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(
        date,
      );
    } catch {
      // An unknown zone name (RangeError): the device's zone below, named.
    }
  }
  // Named apart: Intl refuses `timeZoneName` beside `dateStyle` and `timeStyle`.
  const zone = new Intl.DateTimeFormat(locale, { timeZoneName: 'short' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  const text = new Intl.DateTimeFormat(locale, options).format(date);
  return zone ? `${text} ${zone}` : text;
}
