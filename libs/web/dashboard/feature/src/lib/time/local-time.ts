/** A `datetime-local` value (the user's local time) as ISO-8601 UTC; undefined when empty or unreadable. */
export function localToIso(value: string): string | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO-8601 instant as a `datetime-local` value in the user's time zone; '' when empty or unreadable. */
export function isoToLocal(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
