import {
  BookingAccepted,
  CancelResult,
  ConfirmResult,
  PublicPerformance,
  PublicPerformances,
  PublicVenue,
  StaffReservationView,
  Ticket,
  pageOf,
} from '@foyer/contracts';
import { randomUUID } from 'node:crypto';
import { expectContract } from './contract';
import { API } from './env';
import { bearer } from './staff';

const MAIL = process.env['MAIL_WEB_URL'] ?? 'http://127.0.0.1:1080';

interface Mail {
  subject: string;
  id: string;
  text?: string;
  html?: string;
  to?: { address: string }[];
  attachments?: {
    contentType: string;
    contentId?: string;
    generatedFileName: string;
  }[];
}

const post = (path: string, body: object) =>
  fetch(`${API}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify(body),
  });

/** The worker delivers after commit; poll the mail catcher for the message. */
async function mailFor(address: string, subject: RegExp): Promise<Mail> {
  const until = Date.now() + 20_000;
  for (;;) {
    const res = await fetch(`${MAIL}/api/email`);
    const mails = (await res.json()) as Mail[];
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

describe('visitor booking, black box through the worker and the mail catcher', () => {
  it('books, confirms by the emailed link, opens the ticket and cancels', async () => {
    const venue = await fetch(`${API}/api/public/venues/demo`);
    expect(venue.status).toBe(200);
    expectContract(PublicVenue, await venue.json());
    const list = (await (
      await fetch(`${API}/api/public/venues/demo/performances`)
    ).json()) as {
      items: { id: string; seatsAvailable: number; bookingStatus: string }[];
    };
    expectContract(PublicPerformances, list);
    const performance = list.items.find((p) => p.bookingStatus === 'open');
    expect(performance).toBeDefined();
    const id = (performance as { id: string }).id;
    const before = (performance as { seatsAvailable: number }).seatsAvailable;
    const email = `visitor-${randomUUID()}@example.test`;

    const booked = await post(`/api/public/performances/${id}/reservations`, {
      name: 'E2E Visitor',
      email,
      partySize: 2,
    });
    expect(booked.status).toBe(202);
    const accepted = (await booked.json()) as { reference: string };
    expectContract(BookingAccepted, accepted);
    const { reference } = accepted;

    const confirmation = await mailFor(email, /^Confirm your booking/);
    const confirmed = await post('/api/public/reservations/confirm', {
      token: fragmentToken(confirmation.text ?? '', 'confirm'),
    });
    expect(confirmed.status).toBe(200);
    const confirmedBody: unknown = await confirmed.json();
    expectContract(ConfirmResult, confirmedBody);
    expect(confirmedBody).toMatchObject({
      reference,
      status: 'confirmed',
      partySize: 2,
    });

    // Staff see the booking as the reservations page reads it.
    const manager = await bearer('manager@demo.foyer.localhost');
    const reservations = await fetch(
      `${API}/api/staff/performances/${id}/reservations?q=${reference}`,
      { headers: { Authorization: `Bearer ${manager}` } },
    );
    expect(reservations.status).toBe(200);
    const page: unknown = await reservations.json();
    expectContract(pageOf(StaffReservationView), page);
    expect(page).toMatchObject({
      items: [{ reference, status: 'confirmed', partySize: 2 }],
    });

    const ticketMail = await mailFor(email, /^Your ticket/);
    // The QR travels inline as a PNG the HTML part shows; the image is a real PNG.
    const qr = ticketMail.attachments?.find(
      (a) => a.contentType === 'image/png',
    );
    expect(qr?.contentId).toBe('ticket-qr@foyer');
    // MailDev inlines cid: images as data: URLs in its JSON view: the part is a real PNG.
    const inlined = /<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/.exec(
      ticketMail.html ?? '',
    );
    expect(
      Buffer.from(inlined?.[1] ?? '', 'base64')
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
    const ticket = await post('/api/public/tickets/lookup', {
      token: fragmentToken(ticketMail.text ?? '', 'ticket'),
    });
    expect(ticket.status).toBe(200);
    const body = (await ticket.json()) as { qrSvg: string; reference: string };
    expectContract(Ticket, body);
    expect(body.reference).toBe(reference);
    expect(body.qrSvg.startsWith('<svg')).toBe(true);
    const during = (await (
      await fetch(`${API}/api/public/performances/${id}`)
    ).json()) as { seatsAvailable: number };
    expectContract(PublicPerformance, during);
    expect(during.seatsAvailable).toBe(before - 2);

    const cancelled = await post('/api/public/reservations/cancel', {
      token: fragmentToken(ticketMail.text ?? '', 'cancel'),
    });
    expect(cancelled.status).toBe(200);
    expectContract(CancelResult, await cancelled.json());
    const after = (await (
      await fetch(`${API}/api/public/performances/${id}`)
    ).json()) as { seatsAvailable: number };
    expect(after.seatsAvailable).toBe(before);
  });
});
