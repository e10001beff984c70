import { randomUUID } from 'node:crypto';
import { API_BASE_URL } from '../env';

const MAIL = process.env['MAIL_WEB_URL'] ?? 'http://127.0.0.1:1080';

export const DEMO_OWNER = {
  email: 'owner@demo.foyer.localhost',
  password: 'Curtain-call-at-8pm',
};

async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const res = await fetch(`${API_BASE_URL}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'Content-Type': 'application/json',
      ...(path.startsWith('/api/auth/') ? { 'X-Auth-Mode': 'bearer' } : {}),
      ...(init.method && init.method !== 'GET'
        ? { 'Idempotency-Key': randomUUID() }
        : {}),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) {
    throw new Error(
      `${init.method ?? 'GET'} ${path} → ${res.status} ${await res.text()}`,
    );
  }
  return (await res.json()) as T;
}

/** The worker delivers after commit; poll the mail catcher for the message. */
async function mailText(address: string, subject: RegExp): Promise<string> {
  const until = Date.now() + 20_000;
  for (;;) {
    const mails = (await (await fetch(`${MAIL}/api/email`)).json()) as {
      subject: string;
      text?: string;
      to?: { address: string }[];
    }[];
    const found = mails.find(
      (m) =>
        subject.test(m.subject) && m.to?.some((to) => to.address === address),
    );
    if (found) return found.text ?? '';
    if (Date.now() > until)
      throw new Error(`no mail "${subject}" for ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const fragment = (text: string, page: string) => {
  const match = new RegExp(`/${page}#t=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no /${page} link in the mail`);
  return match[1];
};

/** A performance of the demo venue whose door is open now, made through the staff API. */
export async function openDoorPerformance(title: string): Promise<string> {
  const { accessToken } = await call<{ accessToken: string }>(
    '/api/auth/login',
    { method: 'POST', body: DEMO_OWNER },
  );
  const room = await call<{ id: string }>('/api/staff/rooms', {
    method: 'POST',
    token: accessToken,
    body: { name: `Door ${title}`, capacity: 50 },
  });
  const now = Date.now();
  const performance = await call<{ id: string }>('/api/staff/performances', {
    method: 'POST',
    token: accessToken,
    body: {
      title,
      roomId: room.id,
      startsAt: new Date(now + 60 * 60_000).toISOString(),
      endsAt: new Date(now + 3 * 60 * 60_000).toISOString(),
      checkInOpensAt: new Date(now - 60 * 60_000).toISOString(),
      bookingStatus: 'open',
      maxPartySize: 6,
    },
  });
  return performance.id;
}

/** Books as a visitor, confirms by the emailed link and returns the check-in token of the ticket mail. */
export async function ticketToken(
  performanceId: string,
  partySize: number,
): Promise<string> {
  const email = `door-${randomUUID()}@example.test`;
  await call(`/api/public/performances/${performanceId}/reservations`, {
    method: 'POST',
    body: { name: 'Door Guest', email, partySize },
  });
  const confirmation = await mailText(email, /^Confirm your booking/);
  await call('/api/public/reservations/confirm', {
    method: 'POST',
    body: { token: fragment(confirmation, 'confirm') },
  });
  return fragment(await mailText(email, /^Your ticket/), 'ticket');
}
