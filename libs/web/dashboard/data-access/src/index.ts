export * from './lib/staff-users/staff-users.models';
export * from './lib/staff-users/staff-users.api';
export * from './lib/staff-users/staff-users.store';
export * from './lib/audit/audit.models';
export * from './lib/audit/audit.api';
export * from './lib/audit/audit.store';
