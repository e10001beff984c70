/** Where the suite finds the running system; `npm test` sets these. */
export const API = process.env['API_BASE_URL'] ?? 'http://127.0.0.1:3000';
export const WEB_ORIGIN =
  process.env['WEB_BASE_URL'] ?? 'http://127.0.0.1:4200';
