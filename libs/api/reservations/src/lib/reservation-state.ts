import { ErrorCode, ReservationStatus } from '@foyer/contracts';

/**
 * A reservation's life as one state machine: `pending → confirmed → cancelled` (or
 * `pending → cancelled`), plus two marks on a confirmed reservation (checked in, undone)
 * and one on any (anonymised). Each transition is decided here, from the facts alone, and
 * carried out by `ReservationLifecycle` under the locks; nothing else changes a
 * reservation. An answer is one of: `apply` (the change happens), `repeat` (it happened
 * already: the caller answers as the first time, nothing changes) or `refuse` (a problem).
 */
export interface ReservationFacts {
  status: ReservationStatus;
  checkedInAt: Date | null;
  anonymisedAt: Date | null;
}

export type Refusal = { code: ErrorCode; message: string };

export type Transition<T = ReservationStatus> =
  | { kind: 'apply'; to: T }
  | { kind: 'repeat' }
  | { kind: 'refuse'; refusal: Refusal };

const apply = <T>(to: T): Transition<T> => ({ kind: 'apply', to });
const repeat = { kind: 'repeat' } as const;
const refuse = (code: ErrorCode, message: string) =>
  ({ kind: 'refuse', refusal: { code, message } }) as const;

export const CANCELLED_REFUSAL = refuse(
  ErrorCode.RESERVATION_CANCELLED,
  'This booking was cancelled.',
);

/** The visitor's confirmation link. Seats and timing are checked by the caller, under the lock. */
export function confirmTransition(facts: ReservationFacts): Transition {
  switch (facts.status) {
    case 'pending':
      return apply('confirmed');
    case 'confirmed':
      return repeat;
    case 'cancelled':
      return CANCELLED_REFUSAL;
  }
}

export type CancelledBy = 'visitor' | 'staff' | 'erase';

/**
 * Cancelling returns the seats (of a confirmed booking) once: a repeat changes nothing.
 * The visitor may not cancel once the performance has started; staff may; an erase
 * cancels only a pending booking (a confirmed one keeps its seats and ticket).
 */
export function cancelTransition(
  facts: ReservationFacts,
  by: CancelledBy,
  show?: { startsAt: Date },
  now = new Date(),
): Transition {
  if (facts.status === 'cancelled') {
    return repeat;
  }
  if (by === 'erase' && facts.status !== 'pending') {
    return repeat;
  }
  if (by === 'visitor' && (!show || show.startsAt.getTime() <= now.getTime())) {
    return refuse(
      ErrorCode.CANCEL_CLOSED,
      'The performance has started; it can no longer be cancelled.',
    );
  }
  return apply('cancelled');
}

/** Admission marks a confirmed reservation once; the door's fuller verdict is check-in's. */
export function checkInTransition(
  facts: ReservationFacts,
): Transition<'checked_in'> {
  if (facts.status === 'cancelled') {
    return refuse(ErrorCode.CANCELLED, 'This booking has been cancelled.');
  }
  if (facts.status === 'pending') {
    return refuse(ErrorCode.NOT_CONFIRMED, 'This booking was never confirmed.');
  }
  return facts.checkedInAt ? repeat : apply('checked_in');
}

/** Undo reverts a mistaken admission; there must be one. */
export function undoCheckInTransition(
  facts: ReservationFacts,
): Transition<'not_checked_in'> {
  return facts.checkedInAt
    ? apply('not_checked_in')
    : refuse(ErrorCode.CONFLICT, 'This ticket is not checked in.');
}

/**
 * Anonymising erases the personal fields once; the booking stays (reference, party size,
 * status, times) so seat and door counts and the audit trail keep adding up.
 */
export function anonymiseTransition(
  facts: ReservationFacts,
): Transition<'anonymised'> {
  return facts.anonymisedAt ? repeat : apply('anonymised');
}
