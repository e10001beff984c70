/**
 * `@foyer/api/platform`: the HTTP process's infrastructure in one module, for composition
 * roots (the API app, its CLI, test apps). Everything else has its own entry point:
 * `/config`, `/errors`, `/http`, `/database`, `/crypto`, `/logging`, `/metrics`, `/redis`,
 * `/outbox`, `/mail`, `/paging`, `/qr`.
 */
export * from './lib/platform.module';
