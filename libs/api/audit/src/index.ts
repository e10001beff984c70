export * from './lib/audit.module';
export * from './lib/audit-chain';
export * from './lib/audit-log';
export * from './lib/entities/audit-event.entity';
export * from './lib/audit-trail.service';
