import { API } from './env';

/** The demo staff's password (`npm run demo:seed`); the demo venue is not for production. */
export const DEMO_PASSWORD = 'Curtain-call-at-8pm';

/** Signs a demo staff member in with `X-Auth-Mode: bearer` and answers the access token. */
export async function bearer(email: string): Promise<string> {
  const res = await fetch(`${API}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Mode': 'bearer' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
