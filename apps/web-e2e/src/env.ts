/** Where the orchestrator runs the servers; the same defaults as tools/scripts/serve-web.mjs. */
export const WEB_BASE_URL =
  process.env['WEB_BASE_URL'] ?? 'http://127.0.0.1:4200';
export const API_BASE_URL = (
  process.env['API_BASE_URL'] ?? 'http://127.0.0.1:3000'
).replace(/\/+$/, '');
