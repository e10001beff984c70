import { Injectable } from '@nestjs/common';
import { Reservation } from './reservation';
import { Actor, ReservationLifecycle } from './reservation-lifecycle.service';
import { DoorCounts, ReservationRepository } from './reservation.repository';
import { ReservationTokens, TokenHolder } from './reservation-tokens.service';

/**
 * What the door (the check-in library) may do with reservations: read a ticket, admit,
 * undo and count, all through the reservation state machine. It never sees the table.
 */
@Injectable()
export class DoorReservations {
  constructor(
    private readonly tokens: ReservationTokens,
    private readonly reservations: ReservationRepository,
    private readonly lifecycle: ReservationLifecycle,
  ) {}

  /**
   * The reservation a check-in token of this tenant stands for, with its show, or null.
   * A cancelled booking's token counts even though the cancel revoked it, so the door
   * says CANCELLED rather than TOKEN_INVALID, which reads as a forgery.
   */
  async ticket(token: string): Promise<TokenHolder | null> {
    const holder = await this.tokens.resolve('checkin', token);
    return holder && !holder.expired ? holder : null;
  }

  /** The reservation as it is now (after a concurrent admission committed). */
  current(reservationId: string): Promise<Reservation | null> {
    return this.reservations.find(reservationId);
  }

  checkIn(
    reservation: Reservation,
    door: { staffId: string; nonce: string | null },
    actor: Actor,
  ): Promise<Date | null> {
    return this.lifecycle.checkIn(reservation, door, actor);
  }

  undoCheckIn(
    reservation: Reservation,
    reason: string,
    actor: Actor,
  ): Promise<void> {
    return this.lifecycle.undoCheckIn(reservation, reason, actor);
  }

  counts(performanceId: string): Promise<DoorCounts | null> {
    return this.reservations.doorCounts(performanceId);
  }
}
