/**
 * `@foyer/api/platform/outbox`: the transactional outbox (ADR 0004): the writer domain
 * modules use (OutboxModule), and the queues and relay the worker runs (QueuesModule).
 */
export * from './lib/outbox/outbox.module';
export * from './lib/outbox/outbox.service';
export * from './lib/outbox/outbox-message.entity';
export * from './lib/outbox/outbox-relay.service';
export * from './lib/outbox/outbox-seal';
export * from './lib/outbox/queues.module';
