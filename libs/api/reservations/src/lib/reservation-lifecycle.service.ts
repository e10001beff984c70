import { Injectable } from '@nestjs/common';
import { ErrorCode, JobName, QueueName } from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { Outbox } from '@foyer/api/platform/outbox';
import { AuditLog } from '@foyer/api/audit';
import { TenantDirectory } from '@foyer/api/tenants';
import { cancellationMail } from './mails';
import { PerformanceRepository } from './performance.repository';
import { Reservation } from './reservation';
import { ReservationRepository } from './reservation.repository';
import {
  CancelledBy,
  Refusal,
  Transition,
  anonymiseTransition,
  cancelTransition,
  checkInTransition,
  confirmTransition,
  undoCheckInTransition,
} from './reservation-state';
import { ReservationTokens } from './reservation-tokens.service';

export interface Actor {
  actorId: string | null;
  requestId?: string;
}

const refused = (refusal: Refusal) =>
  new DomainError(refusal.code, refusal.message);

/** Applies a transition's answer: throws its refusal, tells whether the change is due. */
function due<T>(transition: Transition<T>): boolean {
  if (transition.kind === 'refuse') {
    throw refused(transition.refusal);
  }
  return transition.kind === 'apply';
}

/**
 * Carries out the reservation state machine (reservation-state.ts): the one place a
 * reservation changes. Locks are taken in one order everywhere: the performance row first
 * (every change to its seat pool is serial), then the reservation row. Each transition
 * writes its audit event, and the ones a visitor should hear of queue their mail, in the
 * caller's transaction.
 */
@Injectable()
export class ReservationLifecycle {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly performances: PerformanceRepository,
    private readonly tokens: ReservationTokens,
    private readonly directory: TenantDirectory,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly context: TenantContext,
  ) {}

  /**
   * pending → confirmed, under the performance lock the caller holds (it decided the
   * party fits after taking it). Issues the ticket and mails it. False when the
   * reservation was no longer pending (an erase cancelled it without that lock).
   */
  async confirm(
    reservation: Reservation,
    show: { title: string; startsAt: Date },
    venue: string,
    actor: Actor,
  ): Promise<boolean> {
    if (!due(confirmTransition(reservation))) {
      return false;
    }
    if (!(await this.reservations.markConfirmed(reservation.id))) {
      return false;
    }
    await this.tokens.sendTicket({
      reservationId: reservation.id,
      email: reservation.email,
      reference: reservation.reference,
      partySize: reservation.partySize,
      title: show.title,
      startsAt: show.startsAt,
      venue,
    });
    await this.audit.record({
      action: 'reservation.confirmed',
      actorId: actor.actorId,
      targetType: 'reservation',
      targetId: reservation.id,
      metadata: { partySize: reservation.partySize },
      requestId: actor.requestId,
    });
    return true;
  }

  /**
   * The one cancel, by the visitor (their cancel link) or by staff: the performance lock,
   * then the reservation's; once cancelled, a repeat changes nothing and answers alike.
   * The seats return to the pool (availability counts confirmed reservations only), every
   * token is revoked, the event audited, and the visitor mailed. Returns the reservation
   * as it is afterwards.
   */
  async cancel(
    reservationId: string,
    by: Exclude<CancelledBy, 'erase'>,
    actor: Actor,
  ): Promise<Reservation> {
    const before = await this.reservations.find(reservationId);
    if (!before) {
      throw notFound('No reservation has this id.');
    }
    const show = await this.performances.lockForUpdate(before.performanceId);
    const reservation = await this.reservations.lock(reservationId);
    if (!show || !reservation) {
      throw notFound('No reservation has this id.');
    }
    if (!due(cancelTransition(reservation, by, show))) {
      return reservation;
    }
    const cancelled = await this.applyCancel(reservation, by, actor);
    if (!cancelled.anonymisedAt) {
      await this.outbox.add({
        queue: QueueName.MAIL,
        jobName: JobName.SEND_MAIL,
        tenantId: this.context.tenantId,
        payload: cancellationMail({
          to: cancelled.email,
          venue: (await this.directory.current()).name,
          title: show.title,
          startsAt: show.startsAt,
          partySize: cancelled.partySize,
          reference: cancelled.reference,
          by,
        }),
      });
    }
    return cancelled;
  }

  /**
   * Erasure of a visitor's data (reservations locked by the caller, in id order): a
   * pending booking is cancelled through the same cancel as the others (it holds no seats,
   * so it needs no performance lock, and no mail: the address is being erased), then the
   * personal fields of all of them go. Confirmed bookings keep their seats and ticket.
   */
  async erase(locked: readonly Reservation[], actor: Actor): Promise<number> {
    for (const reservation of locked) {
      if (due(cancelTransition(reservation, 'erase'))) {
        await this.applyCancel(reservation, 'erase', actor);
      }
    }
    const erasable = locked.filter((r) => due(anonymiseTransition(r)));
    return this.reservations.anonymise(erasable.map((r) => r.id));
  }

  /**
   * Admission of a confirmed reservation, once (the door decided it is valid now). The
   * time, or null when a concurrent admission won or it is no longer confirmed.
   */
  async checkIn(
    reservation: Reservation,
    door: { staffId: string; nonce: string | null },
    actor: Actor,
  ): Promise<Date | null> {
    if (!due(checkInTransition(reservation))) {
      return null;
    }
    const at = await this.reservations.markCheckedIn(
      reservation.id,
      door.staffId,
      door.nonce,
    );
    if (at) {
      await this.audit.record({
        action: 'reservation.checked_in',
        actorId: actor.actorId,
        targetType: 'reservation',
        targetId: reservation.id,
        metadata: {
          performanceId: reservation.performanceId,
          partySize: reservation.partySize,
        },
        requestId: actor.requestId,
      });
    }
    return at;
  }

  /** Reverts a mistaken admission, audited with the staff member's reason. */
  async undoCheckIn(
    reservation: Reservation,
    reason: string,
    actor: Actor,
  ): Promise<void> {
    due(undoCheckInTransition(reservation));
    if (!(await this.reservations.clearCheckIn(reservation.id))) {
      // A concurrent undo won.
      throw new DomainError(
        ErrorCode.CONFLICT,
        'This ticket is not checked in.',
      );
    }
    await this.audit.record({
      action: 'reservation.check_in_undone',
      actorId: actor.actorId,
      targetType: 'reservation',
      targetId: reservation.id,
      metadata: {
        performanceId: reservation.performanceId,
        partySize: reservation.partySize,
        reason,
      },
      requestId: actor.requestId,
    });
  }

  /** The shared part of every cancel, under the caller's locks. */
  private async applyCancel(
    reservation: Reservation,
    by: CancelledBy,
    actor: Actor,
  ): Promise<Reservation> {
    const at = await this.reservations.markCancelled(reservation.id);
    if (!at) {
      return reservation;
    }
    await this.tokens.revoke(reservation.id, ['confirm', 'checkin', 'cancel']);
    await this.audit.record({
      action: 'reservation.cancelled',
      actorId: actor.actorId,
      targetType: 'reservation',
      targetId: reservation.id,
      metadata: { by, partySize: reservation.partySize },
      requestId: actor.requestId,
    });
    return { ...reservation, status: 'cancelled', cancelledAt: at };
  }
}
