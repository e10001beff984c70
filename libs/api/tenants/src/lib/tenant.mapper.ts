import { Row, integer, text, timestamp } from '@foyer/api/platform/database';
import { Tenant } from './entities/tenant.entity';

/** The columns `toTenant` reads. */
export const TENANT_COLUMNS = `id, slug, name, timezone, currency, retention_days, created_at, updated_at`;

export function toTenant(row: Row): Tenant {
  return {
    id: text(row, 'id'),
    slug: text(row, 'slug'),
    name: text(row, 'name'),
    timezone: text(row, 'timezone'),
    currency: text(row, 'currency'),
    retentionDays: integer(row, 'retention_days'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}
