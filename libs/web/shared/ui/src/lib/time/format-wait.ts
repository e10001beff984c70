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
