import { Injectable } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import { AuditLog } from '@foyer/api/audit/worker';
import { TenantDirectory } from '@foyer/api/tenants/worker';
import { ReservationRepository } from './reservation.repository';

/**
 * Retention: each tenant holding reservations past its `retentionDays` gets them
 * anonymised in its own transaction, under its own tenant context. Needs no mail, no
 * tokens and no HTTP, so the worker runs it with just the reservation repository.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly context: TenantContext,
    private readonly reservations: ReservationRepository,
    private readonly directory: TenantDirectory,
    private readonly audit: AuditLog,
  ) {}

  async run(): Promise<{ tenants: number; reservations: number }> {
    const tenants = await this.reservations.tenantsDueForAnonymisation();
    let reservations = 0;
    for (const tenantId of tenants) {
      reservations += await this.context.run(tenantId, () =>
        this.anonymiseExpired(),
      );
    }
    return { tenants: tenants.length, reservations };
  }

  private async anonymiseExpired(): Promise<number> {
    const { retentionDays } = await this.directory.current();
    const count = await this.reservations.anonymiseEndedBefore(retentionDays);
    if (count > 0) {
      await this.audit.record({
        action: 'privacy.retention_anonymised',
        targetType: 'tenant',
        metadata: { reservations: count },
      });
    }
    return count;
  }
}
