/** "€4.50" from minor units, with the currency's own number of decimals (JPY has none). */
export function formatMoney(
  cents: number,
  currency: string,
  locale?: string,
): string {
  try {
    const format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
    });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(cents / 10 ** digits);
  } catch {
    // An unknown currency code: still show the amount, never throw.
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/**
 * "14 minutes", "45 seconds", "1 minute" for a Retry-After; `unknown` when the wait is
 * unknown.
 */
export function formatWait(
  seconds: number | null,
  unknown = 'a little while',
): string {
  if (seconds === null || seconds <= 0) {
    return unknown;
  }
  if (seconds < 60) {
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
