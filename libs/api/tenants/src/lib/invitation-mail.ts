import { SendMailJob } from '@foyer/contracts';
import { escapeHtml } from '@foyer/api/platform/mail';

/** The invitation a new staff member receives: a one-time link to set a password (72 h). */
export function invitationMail(input: {
  to: string;
  venue: string;
  link: string;
}): SendMailJob {
  const subject = `You have been invited to ${input.venue} on Foyer`;
  const text = `Hello,\n\nyou have been invited to the staff of ${input.venue} on Foyer.\nSet your password within 72 hours:\n\n${input.link}\n\nIf you did not expect this, ignore this email.`;
  const html = `<p>Hello,</p><p>you have been invited to the staff of <strong>${escapeHtml(input.venue)}</strong> on Foyer.</p><p><a href="${escapeHtml(input.link)}">Set your password</a> within 72 hours.</p><p>If you did not expect this, ignore this email.</p>`;
  return { to: input.to, subject, text, html };
}

/**
 * The invitation an existing Foyer account receives: nothing is granted until its person
 * accepts, with a one-time link (72 h). The venue never learns that the account existed.
 */
export function existingAccountInvitationMail(input: {
  to: string;
  venue: string;
  link: string;
}): SendMailJob {
  const subject = `${input.venue} invites you to its staff on Foyer`;
  const text = `Hello,\n\n${input.venue} has invited your Foyer account to its staff.\nNothing changes until you accept, within 72 hours:\n\n${input.link}\n\nAfterwards, sign in with your usual password and choose ${input.venue}.\nIf you do not want to join, ignore this email.`;
  const html = `<p>Hello,</p><p><strong>${escapeHtml(input.venue)}</strong> has invited your Foyer account to its staff.</p><p>Nothing changes until you <a href="${escapeHtml(input.link)}">accept the invitation</a>, within 72 hours.</p><p>Afterwards, sign in with your usual password and choose ${escapeHtml(input.venue)}.</p><p>If you do not want to join, ignore this email.</p>`;
  return { to: input.to, subject, text, html };
}
