import { SendMailJob } from '@foyer/contracts';
import { escapeHtml } from '@foyer/api/platform/mail';

/**
 * The reset link mailed to an address that has an account. It names no venue and no
 * person: the account is the person's across venues, and the mail is composed before
 * anyone knows whether the address has an account at all.
 */
export function passwordResetMail(input: {
  to: string;
  link: string;
  minutes: number;
}): SendMailJob {
  const subject = 'Choose a new Foyer password';
  const text = `Hello,\n\nsomeone asked to reset the password of the Foyer staff account for this address.\nChoose a new password within ${input.minutes} minutes (the link works once):\n\n${input.link}\n\nEvery device signed in to the account is signed out when you do.\nIf you did not ask for this, ignore this email: your password stays as it is.`;
  const html = `<p>Hello,</p><p>someone asked to reset the password of the Foyer staff account for this address.</p><p><a href="${escapeHtml(input.link)}">Choose a new password</a> within ${input.minutes} minutes (the link works once).</p><p>Every device signed in to the account is signed out when you do.</p><p>If you did not ask for this, ignore this email: your password stays as it is.</p>`;
  return { to: input.to, subject, text, html };
}
