/** `@foyer/api/platform/mail`: mail delivery in the worker (MailModule) and HTML escaping for mail bodies. */
export * from './lib/mail/mail.module';
export * from './lib/mail/mail.processor';
export * from './lib/mail/escape-html';
