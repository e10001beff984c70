import { SendMailJob } from '@foyer/contracts';
import { escapeHtml } from '@foyer/api/platform';

interface Booking {
  to: string;
  venue: string;
  title: string;
  startsAt: Date;
  partySize: number;
}

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
  },
): SendMailJob {
  const subject = `Your ticket for ${input.title} (${input.reference})`;
  const text = [
    `Booking ${input.reference} is confirmed: ${seats(input.partySize)} for ${input.title} at ${input.venue}, ${when(input.startsAt)}.`,
    '',
    'Your ticket with the QR code to show at the door:',
    input.ticketLink,
    '',
    'Cannot come? Cancel so others can have the seats:',
    input.cancelLink,
  ].join('\n');
  const html = `<p>Booking <strong>${escapeHtml(input.reference)}</strong> is confirmed: ${seats(input.partySize)} for <strong>${escapeHtml(input.title)}</strong> at ${escapeHtml(input.venue)}, ${when(input.startsAt)}.</p><p><a href="${escapeHtml(input.ticketLink)}">Open your ticket</a> and show its QR code at the door.</p><p>Cannot come? <a href="${escapeHtml(input.cancelLink)}">Cancel your booking</a> so others can have the seats.</p>`;
  return { to: input.to, subject, text, html };
}
