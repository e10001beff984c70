/**
 * `@foyer/api/audit/worker`: the audit log's writer without HTTP, for the worker and for
 * every domain module that records events.
 */
export * from './lib/audit-log.module';
export * from './lib/audit-log.service';
