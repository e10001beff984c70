import { Injectable } from '@nestjs/common';
import { AuditLog } from '@foyer/api/audit';
import { Tenant } from './entities/tenant.entity';
import { TenantDirectory } from './tenant-directory.service';
import { TenantChange, TenantRepository } from './tenant.repository';

/** The current tenant's own settings (name, time zone, currency, retention), audited. */
@Injectable()
export class TenantSettings {
  constructor(
    private readonly directory: TenantDirectory,
    private readonly tenants: TenantRepository,
    private readonly audit: AuditLog,
  ) {}

  get(): Promise<Tenant> {
    return this.directory.current();
  }

  /** Changes the fields `change` carries; nothing is written or audited when it carries none. */
  async update(
    change: TenantChange,
    actorId: string,
    requestId: string,
  ): Promise<Tenant> {
    const changed = Object.keys(change);
    if (changed.length === 0) {
      return this.directory.current();
    }
    const tenant = await this.tenants.update(change);
    if (!tenant) {
      throw new Error('the current tenant has no row');
    }
    await this.audit.record({
      action: 'tenant.updated',
      actorId,
      targetType: 'tenant',
      targetId: tenant.id,
      metadata: { fields: changed.sort().join(',') },
      requestId,
    });
    return tenant;
  }
}
