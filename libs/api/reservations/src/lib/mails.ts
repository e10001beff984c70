import { SendMailJob } from '@foyer/contracts';
import { escapeHtml } from '@foyer/api/platform/mail';

interface Booking {
  to: string;
  venue: string;
  title: string;
  startsAt: Date;
  partySize: number;
}

/** The content id the ticket email's HTML uses for its QR image. */
export const TICKET_QR_CID = 'ticket-qr@foyer';

const when = (date: Date) =>
  date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const seats = (n: number) => `${n} ${n === 1 ? 'seat' : 'seats'}`;

/** Sent on booking: the one-time confirmation link (its token lives in the fragment only). */
export function bookingMail(input: Booking & { link: string }): SendMailJob {
  const subject = `Confirm your booking: ${input.title}`;
  const text = [
    `You asked for ${seats(input.partySize)} for ${input.title} at ${input.venue}, ${when(input.startsAt)}.`,
    '',
    'Confirm your booking (the seats are yours only once you confirm):',
    input.link,
    '',
    'If you did not book, ignore this email.',
  ].join('\n');
  const html = `<p>You asked for <strong>${seats(input.partySize)}</strong> for <strong>${escapeHtml(input.title)}</strong> at ${escapeHtml(input.venue)}, ${when(input.startsAt)}.</p><p><a href="${escapeHtml(input.link)}">Confirm your booking</a> — the seats are yours only once you confirm.</p><p>If you did not book, ignore this email.</p>`;
  return { to: input.to, subject, text, html };
}

/** Sent on confirmation: the ticket link (QR) and the cancel link. */
export function ticketMail(
  input: Booking & {
    reference: string;
    ticketLink: string;
    cancelLink: string;
    /** The opaque check-in token: the QR encodes it and nothing else. */
    checkInToken: string;
  },
): SendMailJob {
  const subject = `Your ticket for ${input.title} (${input.reference})`;
  const text = [
    `Booking ${input.reference} is confirmed: ${seats(input.partySize)} for ${input.title} at ${input.venue}, ${when(input.startsAt)}.`,
    '',
    'Your ticket with the QR code to show at the door (the QR is also in the HTML version of this email):',
    input.ticketLink,
    '',
    'Cannot come? Cancel so others can have the seats:',
    input.cancelLink,
  ].join('\n');
  const html = `<p>Booking <strong>${escapeHtml(input.reference)}</strong> is confirmed: ${seats(input.partySize)} for <strong>${escapeHtml(input.title)}</strong> at ${escapeHtml(input.venue)}, ${when(input.startsAt)}.</p><p>Show this QR code at the door:</p><p><img src="cid:${TICKET_QR_CID}" width="240" height="240" alt="Ticket QR code for booking ${escapeHtml(input.reference)}"></p><p>Or <a href="${escapeHtml(input.ticketLink)}">open your ticket</a> on your phone.</p><p>Cannot come? <a href="${escapeHtml(input.cancelLink)}">Cancel your booking</a> so others can have the seats.</p>`;
  return {
    to: input.to,
    subject,
    text,
    html,
    inlineQrCodes: [
      {
        cid: TICKET_QR_CID,
        filename: `ticket-${input.reference}.png`,
        text: input.checkInToken,
      },
    ],
  };
}

/** Sent when a booking is cancelled, by the visitor or by the venue. */
export function cancellationMail(
  input: Booking & { reference: string; by: 'visitor' | 'staff' },
): SendMailJob {
  const subject = `Booking ${input.reference} is cancelled: ${input.title}`;
  const who =
    input.by === 'visitor'
      ? 'As you asked, your booking'
      : `${input.venue} has cancelled your booking`;
  const text = [
    `${who} ${input.reference} (${seats(input.partySize)} for ${input.title}, ${when(input.startsAt)}) is cancelled.`,
    '',
    'Your ticket no longer admits anyone. If this is a mistake, contact the venue or book again.',
  ].join('\n');
  const html = `<p>${escapeHtml(who)} <strong>${escapeHtml(input.reference)}</strong> (${seats(input.partySize)} for <strong>${escapeHtml(input.title)}</strong>, ${when(input.startsAt)}) is cancelled.</p><p>Your ticket no longer admits anyone. If this is a mistake, contact the venue or book again.</p>`;
  return { to: input.to, subject, text, html };
}
