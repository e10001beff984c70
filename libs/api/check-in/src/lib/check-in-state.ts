/**
 * What a scanned ticket means right now (docs/architecture.md: domain rule 4, State machines). Pure:
 * the service looks the token up, then asks this function, then (on confirm) writes
 * checkedInAt with a conditional update so a concurrent second scan still loses.
 */
import { CheckInState, ReservationStatus } from '@foyer/contracts';

/** The states checkInState can return: the token has already resolved to a reservation. */
export type TicketState = Exclude<CheckInState, 'TOKEN_INVALID' | 'CHECKED_IN'>;

export interface TicketFacts {
  reservationStatus: ReservationStatus;
  checkedInAt: Date | null;
  performanceId: string;
  /** The performance the door is scanning for, when the scanner chose one. */
  expectedPerformanceId?: string | null;
  checkInOpensAt: Date;
  endsAt: Date;
  now: Date;
}

const isValidDate = (d: Date): boolean =>
  d instanceof Date && !Number.isNaN(d.getTime());

/**
 * Precedence, first match wins:
 * 1. CANCELLED — a cancelled ticket is dead whatever else is true; its seats went back.
 * 2. WRONG_PERFORMANCE — tells the door to send the guest elsewhere before any detail
 *    about a reservation that is not theirs to handle.
 * 3. NOT_CONFIRMED — defensive: tokens are only issued at confirmation.
 * 4. ALREADY_CHECKED_IN — a repeat scan reports the first check-in time, even after the
 *    window has closed, so "exactly once" is what staff see.
 * 5. OUTSIDE_WINDOW — the window is half-open, [checkInOpensAt, endsAt): scanning opens
 *    at exactly checkInOpensAt and is over at exactly endsAt. Invalid dates read as
 *    outside the window.
 */
export function checkInState(facts: TicketFacts): TicketState {
  if (facts.reservationStatus === 'cancelled') {
    return CheckInState.CANCELLED;
  }
  if (
    facts.expectedPerformanceId !== undefined &&
    facts.expectedPerformanceId !== null &&
    facts.expectedPerformanceId !== facts.performanceId
  ) {
    return CheckInState.WRONG_PERFORMANCE;
  }
  if (facts.reservationStatus !== 'confirmed') {
    return CheckInState.NOT_CONFIRMED;
  }
  if (facts.checkedInAt !== null) {
    return CheckInState.ALREADY_CHECKED_IN;
  }
  const { checkInOpensAt, endsAt, now } = facts;
  if (
    !isValidDate(checkInOpensAt) ||
    !isValidDate(endsAt) ||
    !isValidDate(now)
  ) {
    return CheckInState.OUTSIDE_WINDOW;
  }
  if (
    now.getTime() < checkInOpensAt.getTime() ||
    now.getTime() >= endsAt.getTime()
  ) {
    return CheckInState.OUTSIDE_WINDOW;
  }
  return CheckInState.VALID;
}
