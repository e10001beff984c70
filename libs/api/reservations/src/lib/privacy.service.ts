import { Injectable } from '@nestjs/common';
import { AuditLog } from '@foyer/api/audit';
import { ReservationLifecycle } from './reservation-lifecycle.service';
import { ReservationRepository } from './reservation.repository';
import { RetentionService } from './retention.service';
import { StaffReservationView, reservationView } from './reservation-view';

/** Everything this tenant holds about one visitor's bookings (GDPR art. 15 and 20). */
export interface PrivacyExport {
  reservations: (StaffReservationView & {
    performance: { id: string; title: string; startsAt: string };
  })[];
}

/**
 * Export, erase and retention of visitors' personal data. Every statement runs under the
 * caller's tenant (and names it), and audit events carry counts, never the email.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly lifecycle: ReservationLifecycle,
    private readonly retention: RetentionService,
    private readonly audit: AuditLog,
  ) {}

  async export(
    email: string,
    actor: { actorId?: string; requestId?: string },
  ): Promise<PrivacyExport> {
    const rows = await this.reservations.ofEmail(email);
    await this.audit.record({
      action: 'privacy.exported',
      actorId: actor.actorId,
      targetType: 'data_subject',
      metadata: { reservations: rows.length },
      requestId: actor.requestId,
    });
    return {
      reservations: rows.map(({ reservation, title, startsAt }) => ({
        ...reservationView(reservation),
        performance: {
          id: reservation.performanceId,
          title,
          startsAt: startsAt.toISOString(),
        },
      })),
    };
  }

  /**
   * Anonymises every reservation of this email. A pending booking is also cancelled (the
   * one cancel, which revokes its confirmation link): it holds no seats, and confirming it
   * would mail a ticket to nobody. Confirmed bookings keep their seats and their ticket.
   */
  async erase(
    email: string,
    actor: { actorId?: string; requestId?: string },
  ): Promise<{ erased: number }> {
    const locked = await this.reservations.lockOfEmail(email);
    if (locked.length > 0) {
      await this.lifecycle.erase(locked, {
        actorId: actor.actorId ?? null,
        requestId: actor.requestId,
      });
    }
    await this.audit.record({
      action: 'privacy.erased',
      actorId: actor.actorId,
      targetType: 'data_subject',
      metadata: { reservations: locked.length },
      requestId: actor.requestId,
    });
    return { erased: locked.length };
  }

  /** The retention job (see RetentionService), for operators and specs. */
  runRetention(): Promise<{ tenants: number; reservations: number }> {
    return this.retention.run();
  }
}
