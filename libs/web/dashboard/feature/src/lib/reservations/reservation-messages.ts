import { ErrorCode, ReservationStatus } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import { StaffReservation } from '@foyer/web/dashboard-data-access';
import { BadgeTone } from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';

export type ReservationAction = 'cancel' | 'resend';

/** What the live region says after a staff action on a reservation. */
export function reservationActionMessage(
  action: ReservationAction,
  reservation: StaffReservation,
  error: ApiError | null,
): string {
  if (!error) {
    return action === 'cancel'
      ? `Booking ${reservation.reference} is cancelled; its ${reservation.partySize} seat${reservation.partySize === 1 ? '' : 's'} are free again.`
      : `A new ticket for ${reservation.reference} was sent; the old QR code no longer works.`;
  }
  if (error.code === ErrorCode.NOT_CONFIRMED) {
    return `Booking ${reservation.reference} is not confirmed, so it has no ticket to resend.`;
  }
  if (error.code === ErrorCode.NOT_FOUND) {
    return `Booking ${reservation.reference} no longer exists. Search again.`;
  }
  return `${action === 'cancel' ? 'Could not cancel' : 'Could not resend the ticket of'} ${reservation.reference}: ${describeApiError(error)}`;
}

/** Which actions a row offers: nothing to resend before confirmation, nothing to cancel twice. */
export function availableActions(
  reservation: StaffReservation,
  canManage: boolean,
): readonly ReservationAction[] {
  if (!canManage) {
    return [];
  }
  const actions: ReservationAction[] = [];
  if (reservation.status === 'confirmed') {
    actions.push('resend');
  }
  if (reservation.status !== 'cancelled') {
    actions.push('cancel');
  }
  return actions;
}

/** The colour of a reservation's status: confirmed holds seats, cancelled gave them back. */
export function reservationTone(status: ReservationStatus): BadgeTone {
  switch (status) {
    case 'confirmed':
      return 'ok';
    case 'cancelled':
      return 'bad';
    case 'pending':
      return 'neutral';
  }
}
