/** Decimal places of a currency's minor unit (EUR 2, JPY 0, BHD 3); 2 for a code Intl refuses. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', {
        style: 'currency',
        currency,
      }).resolvedOptions().maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** "€4.50" from integer minor units, with the currency's own decimals (JPY has none). */
export function formatMoney(
  minor: number,
  currency: string,
  locale?: string,
): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
    }).format(minor / 10 ** minorDigits(currency));
  } catch {
    // A malformed currency code: still show the amount, never throw.
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}
