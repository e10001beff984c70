import { API } from './env';

const DEMO_PASSWORD = 'Curtain-call-at-8pm';

async function login(email: string, password = DEMO_PASSWORD) {
  return fetch(`${API}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Mode': 'bearer' },
    body: JSON.stringify({ email, password }),
  });
}

describe('staff authentication, black box', () => {
  it('signs in a demo owner with a bearer pair and reads /me and the audit trail', async () => {
    const res = await login('owner@demo.foyer.localhost');
    expect(res.status).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    const me = await fetch(`${API}/api/auth/me`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      role: 'owner',
      tenant: { slug: 'demo' },
    });
    const audit = await fetch(`${API}/api/staff/audit`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(audit.status).toBe(200);
    expect(await audit.json()).toMatchObject({ items: expect.any(Array) });
  });

  it('refuses a viewer the audit trail and a wrong password with the contract codes', async () => {
    const res = await login('viewer@demo.foyer.localhost');
    const { accessToken } = (await res.json()) as { accessToken: string };
    const audit = await fetch(`${API}/api/staff/audit`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(audit.status).toBe(403);
    expect((await audit.json()).code).toBe('FORBIDDEN');
    const wrong = await login(
      'kitchen@demo.foyer.localhost',
      'definitely-not-it',
    );
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).code).toBe('INVALID_CREDENTIALS');
    const anonymous = await fetch(`${API}/api/staff/audit`);
    expect(anonymous.status).toBe(401);
  });
});
