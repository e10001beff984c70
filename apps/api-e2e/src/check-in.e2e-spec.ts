import {
  CheckInPreview,
  CheckInRefusal,
  CheckInStats,
  CheckedIn,
  StaffPerformance,
  pageOf,
} from '@foyer/contracts';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { expectContract } from './contract';
import { API } from './env';

const MAIL = process.env['MAIL_WEB_URL'] ?? 'http://127.0.0.1:1080';
const PASSWORD = 'Curtain-call-at-8pm';

interface Mail {
  subject: string;
  text?: string;
  to?: { address: string }[];
}

async function login(role: string): Promise<string> {
  const res = await fetch(`${API}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Mode': 'bearer' },
    body: JSON.stringify({
      email: `${role}@demo.foyer.localhost`,
      password: PASSWORD,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const post = (path: string, body: object, token?: string) =>
  fetch(`${API}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });

async function mailFor(address: string, subject: RegExp): Promise<Mail> {
  const until = Date.now() + 20_000;
  for (;;) {
    const mails = (await (await fetch(`${MAIL}/api/email`)).json()) as Mail[];
    const found = mails.find(
      (m) =>
        subject.test(m.subject) && m.to?.some((to) => to.address === address),
    );
    if (found) return found;
    if (Date.now() > until)
      throw new Error(`no mail "${subject}" for ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const fragmentToken = (text: string, page: string) =>
  (new RegExp(`/${page}#t=([A-Za-z0-9_-]+)`).exec(text) as RegExpExecArray)[1];

function connectStaff(token: string, origin?: string) {
  const socket = io(`${API}/staff`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token },
    extraHeaders: origin ? { Origin: origin } : {},
  });
  const connected = new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
  return { socket, connected };
}

describe('check-in at the door, black box: book, confirm by mail, scan', () => {
  it('admits a real ticket once, tells the door about it live, and refuses the rest', async () => {
    const host = await login('host');
    const performances = (await (
      await fetch(`${API}/api/staff/performances?limit=100`, {
        headers: { Authorization: `Bearer ${host}` },
      })
    ).json()) as {
      items: {
        id: string;
        checkInOpensAt: string;
        endsAt: string;
        bookingState: string;
      }[];
    };
    expectContract(pageOf(StaffPerformance), performances);
    const now = Date.now();
    const open = performances.items.find(
      (p) =>
        Date.parse(p.checkInOpensAt) <= now &&
        now < Date.parse(p.endsAt) &&
        p.bookingState === 'open',
    );
    expect(open).toBeDefined();
    const performanceId = (open as { id: string }).id;

    const email = `door-${randomUUID()}@example.test`;
    const booked = await post(
      `/api/public/performances/${performanceId}/reservations`,
      {
        name: 'Door Guest',
        email,
        phone: '+49 30 1234567',
        partySize: 2,
      },
    );
    expect(booked.status).toBe(202);
    const { reference } = (await booked.json()) as { reference: string };
    const confirmMail = await mailFor(email, /^Confirm your booking/);
    const confirmToken = fragmentToken(confirmMail.text ?? '', 'confirm');
    expect(
      (await post('/api/public/reservations/confirm', { token: confirmToken }))
        .status,
    ).toBe(200);
    const ticketMail = await mailFor(email, /^Your ticket/);
    const ticket = fragmentToken(ticketMail.text ?? '', 'ticket');
    const cancelToken = fragmentToken(ticketMail.text ?? '', 'cancel');

    const hostile = connectStaff(host, 'https://evil.example');
    expect(await hostile.connected).toBe(false);
    hostile.socket.close();
    const door = connectStaff(host);
    expect(await door.connected).toBe(true);
    const update = new Promise<Record<string, number | string>>((resolve) =>
      door.socket.on(
        'checkin.updated',
        (stats: Record<string, number | string>) => {
          if (stats['performanceId'] === performanceId) resolve(stats);
        },
      ),
    );

    try {
      // A confirmation or cancel token is no ticket.
      for (const token of [confirmToken, cancelToken]) {
        const res = await post(
          '/api/staff/check-in/confirm',
          { token, performanceId },
          host,
        );
        const refusal = (await res.json()) as { code: string };
        expectContract(CheckInRefusal, refusal);
        expect([res.status, refusal.code]).toEqual([404, 'TOKEN_INVALID']);
      }
      const kitchen = await login('kitchen');
      expect(
        (await post('/api/staff/check-in/preview', { token: ticket }, kitchen))
          .status,
      ).toBe(403);

      const preview = await post(
        '/api/staff/check-in/preview',
        { token: ticket, performanceId },
        host,
      );
      expect(preview.status).toBe(200);
      const previewBody = (await preview.json()) as {
        state: string;
        reservation: Record<string, unknown>;
      };
      expectContract(CheckInPreview, previewBody);
      expect(previewBody.state).toBe('VALID');
      expect(Object.keys(previewBody.reservation).sort()).toEqual([
        'partySize',
        'performance',
        'reference',
      ]);

      const nonce = randomUUID();
      const confirmed = await post(
        '/api/staff/check-in/confirm',
        { token: ticket, performanceId, nonce },
        host,
      );
      expect(confirmed.status).toBe(200);
      const first = (await confirmed.json()) as {
        state: string;
        checkedInAt: string;
        reservation: object;
      };
      expectContract(CheckedIn, first);
      expect(first).toMatchObject({
        state: 'CHECKED_IN',
        reservation: { reference, partySize: 2 },
      });
      expect(JSON.stringify(first)).not.toMatch(/Door Guest|@example|\+49/);

      const stats = await update;
      expectContract(CheckInStats, stats);
      expect(stats).toMatchObject({ performanceId });
      expect(Number(stats['checkedInSeats'])).toBeGreaterThanOrEqual(2);

      const retry = await post(
        '/api/staff/check-in/confirm',
        { token: ticket, performanceId, nonce },
        host,
      );
      expect([retry.status, await retry.json()]).toEqual([200, first]);
      const second = await post(
        '/api/staff/check-in/confirm',
        { token: ticket, performanceId },
        host,
      );
      expect(second.status).toBe(409);
      const again: unknown = await second.json();
      expectContract(CheckInRefusal, again);
      expect(again).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        state: 'ALREADY_CHECKED_IN',
        checkedInAt: first.checkedInAt,
      });

      const counts = await fetch(
        `${API}/api/staff/performances/${performanceId}/check-in/stats`,
        {
          headers: { Authorization: `Bearer ${host}` },
        },
      );
      expect(counts.status).toBe(200);
      const doorCounts: unknown = await counts.json();
      expectContract(CheckInStats, doorCounts);
      expect(doorCounts).toMatchObject({
        checkedInSeats: expect.any(Number),
        confirmedSeats: expect.any(Number),
      });
    } finally {
      door.socket.close();
    }
  });
});
