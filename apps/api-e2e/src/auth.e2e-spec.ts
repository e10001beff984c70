import {
  AuditEvent,
  ChainVerification,
  CsrfToken,
  Room,
  SessionView,
  SignedInSessions,
  StaffMember,
  StaffPerformance,
  pageOf,
} from '@foyer/contracts';
import { expectContract } from './contract';
import { DEMO_PASSWORD } from './staff';
import { API } from './env';

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

  it('answers the SPA in the shapes of the shared contract, cookie mode included', async () => {
    const csrf = await fetch(`${API}/api/auth/csrf`);
    expectContract(CsrfToken, await csrf.json());

    // Cookie mode, as the browser signs in: the session and its CSRF token in the body.
    const signedIn = await fetch(`${API}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'owner@demo.foyer.localhost',
        password: DEMO_PASSWORD,
      }),
    });
    expect(signedIn.status).toBe(200);
    const session = (await signedIn.json()) as { csrfToken: string };
    expectContract(SessionView, session);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((set) => set.split(';')[0])
      .join('; ');
    const refreshed = await fetch(`${API}/api/auth/refresh`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: cookie,
        'X-CSRF-Token': session.csrfToken,
      },
      body: '{}',
    });
    expect(refreshed.status).toBe(200);
    expectContract(SessionView, await refreshed.json());

    const res = await login('owner@demo.foyer.localhost');
    const { accessToken } = (await res.json()) as { accessToken: string };
    for (const [path, shape] of [
      ['/api/auth/me', SessionView],
      ['/api/auth/sessions', SignedInSessions],
      ['/api/staff/users', pageOf(StaffMember)],
      ['/api/staff/audit', pageOf(AuditEvent)],
      ['/api/staff/audit/verify', ChainVerification],
      ['/api/staff/rooms', pageOf(Room)],
      ['/api/staff/performances', pageOf(StaffPerformance)],
    ] as const) {
      const answer = await fetch(`${API}${path}`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      expect([path, answer.status]).toEqual([path, 200]);
      expectContract(shape, await answer.json());
    }
  });
});
