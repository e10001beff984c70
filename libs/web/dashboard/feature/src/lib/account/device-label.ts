/** Browsers by the token that names them, most specific first (Edge and Opera say "Chrome"). */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:Edg|Edge|EdgA|EdgiOS)\//, 'Edge'],
  [/\b(?:OPR|Opera|OPiOS)\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/(?:Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** Systems, most specific first (Android says "Linux", iOS says "like Mac OS X"). */
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\biPod\b/, 'iPod'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\b(?:Macintosh|Mac OS X)\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const UNKNOWN = 'Unknown device';

const first = (
  text: string,
  table: readonly (readonly [RegExp, string])[],
): string | null => table.find(([pattern]) => pattern.test(text))?.[1] ?? null;

/**
 * A short name for the device of a session, from its User-Agent: "Chrome on Linux",
 * "Safari on iPhone", "Firefox"; "Unknown device" when none is given or nothing in it is
 * recognised. Only for people to tell sessions apart: a User-Agent proves nothing.
 */
export function deviceLabel(userAgent: string | null | undefined): string {
  // Real ones are a few hundred characters; do not run patterns over more.
  const text = (userAgent ?? '').slice(0, 512).trim();
  if (text === '') {
    return UNKNOWN;
  }
  const browser = first(text, BROWSERS);
  const system = first(text, SYSTEMS);
  if (browser && system) {
    return `${browser} on ${system}`;
  }
  if (browser) {
    return browser;
  }
  return system ? `Browser on ${system}` : UNKNOWN;
}
