import { Injectable } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import {
  ReservationRow,
  StaffReservationView,
  reservationColumns,
  reservationView,
} from './reservation-view';

/** Everything this tenant holds about one visitor's bookings (GDPR art. 15 and 20). */
export interface PrivacyExport {
  reservations: (StaffReservationView & {
    performance: { id: string; title: string; startsAt: string };
  })[];
}

interface ExportRow extends ReservationRow {
  title: string;
  starts_at: Date;
}

/**
 * What anonymising means: the personal fields go, the booking stays (reference, party
 * size, status, times), so seat counts, door counts and the audit trail keep adding up.
 */
const ANONYMISE = `name = '', email = '', phone = NULL, notes = NULL, anonymised_at = now()`;

/**
 * Export, erase and retention of visitors' personal data. Every statement runs under the
 * caller's tenant (row-level security), and audit events carry counts, never the email.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditLog,
  ) {}

  async export(
    email: string,
    actor: { actorId?: string; requestId?: string },
  ): Promise<PrivacyExport> {
    const rows: ExportRow[] = await this.context.manager.query(
      `SELECT ${reservationColumns('r')}, p.title, p.starts_at
       FROM reservation r JOIN performance p ON p.id = r.performance_id
       WHERE lower(r.email) = lower($1) AND r.anonymised_at IS NULL
       ORDER BY r.created_at, r.id`,
      [email],
    );
    await this.audit.record({
      action: 'privacy.exported',
      actorId: actor.actorId,
      targetType: 'data_subject',
      metadata: { reservations: rows.length },
      requestId: actor.requestId,
    });
    return {
      reservations: rows.map((r) => ({
        ...reservationView(r),
        performance: {
          id: r.performance_id,
          title: r.title,
          startsAt: r.starts_at.toISOString(),
        },
      })),
    };
  }

  /**
   * Anonymises every reservation of this email. A pending booking is also cancelled and
   * its confirmation link revoked: it holds no seats, and confirming it would mail a
   * ticket to nobody. Confirmed bookings keep their seats and their ticket.
   */
  async erase(
    email: string,
    actor: { actorId?: string; requestId?: string },
  ): Promise<{ erased: number }> {
    const manager = this.context.manager;
    const ids: { id: string }[] = await manager.query(
      `SELECT id FROM reservation WHERE lower(email) = lower($1) AND anonymised_at IS NULL ORDER BY id FOR UPDATE`,
      [email],
    );
    if (ids.length > 0) {
      const list = ids.map((r) => r.id);
      await manager.query(
        `UPDATE reservation_token SET revoked_at = now()
         WHERE reservation_id = ANY($1) AND purpose = 'confirm' AND revoked_at IS NULL`,
        [list],
      );
      await manager.query(
        `UPDATE reservation SET ${ANONYMISE},
           status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
           cancelled_at = CASE WHEN status = 'pending' THEN now() ELSE cancelled_at END
         WHERE id = ANY($1)`,
        [list],
      );
    }
    await this.audit.record({
      action: 'privacy.erased',
      actorId: actor.actorId,
      targetType: 'data_subject',
      metadata: { reservations: ids.length },
      requestId: actor.requestId,
    });
    return { erased: ids.length };
  }

  /**
   * The retention job: each tenant holding reservations past its `retentionDays` gets
   * them anonymised in its own transaction, under its own row-level security context.
   */
  async runRetention(): Promise<{ tenants: number; reservations: number }> {
    const tenants = await this.tenantsDue();
    let reservations = 0;
    for (const tenantId of tenants) {
      reservations += await this.context.run(tenantId, () =>
        this.anonymiseExpired(),
      );
    }
    return { tenants: tenants.length, reservations };
  }

  private async anonymiseExpired(): Promise<number> {
    const rows: { id: string }[] = await this.context.manager.query(
      `UPDATE reservation r SET ${ANONYMISE}
       FROM performance p, tenant t
       WHERE p.id = r.performance_id AND t.id = r.tenant_id
         AND r.anonymised_at IS NULL
         AND p.ends_at < now() - make_interval(days => t.retention_days)
       RETURNING r.id`,
    );
    if (rows.length > 0) {
      await this.audit.record({
        action: 'privacy.retention_anonymised',
        targetType: 'tenant',
        metadata: { reservations: rows.length },
      });
    }
    return rows.length;
  }

  /** Tenants holding reservations past retention (ids only, through a definer function). */
  private tenantsDue(): Promise<string[]> {
    return this.context.withoutTenant(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        'SELECT app_tenants_due_for_anonymisation() AS id',
      );
      return rows.map((r) => r.id);
    });
  }
}
