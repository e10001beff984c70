import { SendMailJob } from '@foyer/contracts';
import { escapeHtml } from '@foyer/api/platform';

/** The invitation a new staff member receives: a one-time link to set a password (72 h). */
export function invitationMail(input: {
  to: string;
  venue: string;
  link: string;
}): SendMailJob {
  const subject = `You have been invited to ${input.venue} on Foyer`;
  const text = `Hello,\n\nyou have been added to the staff of ${input.venue} on Foyer.\nSet your password within 72 hours:\n\n${input.link}\n\nIf you did not expect this, ignore this email.`;
  const html = `<p>Hello,</p><p>you have been added to the staff of <strong>${escapeHtml(input.venue)}</strong> on Foyer.</p><p><a href="${escapeHtml(input.link)}">Set your password</a> within 72 hours.</p><p>If you did not expect this, ignore this email.</p>`;
  return { to: input.to, subject, text, html };
}
