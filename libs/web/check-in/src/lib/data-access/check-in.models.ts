import {
  CheckInPreview,
  CheckInRefusal,
  CheckInState,
  CheckedIn,
  DoorReservation,
  StaffPerformance,
  isCheckInState,
} from '@foyer/contracts';

/**
 * A preview or a confirm, as one shape: a refused confirm (409, or 404 TOKEN_INVALID)
 * names a door state too, in its problem body.
 */
export interface DoorAnswer {
  readonly state: CheckInState;
  /** All the door learns about a booking: never a name, email, phone or notes. */
  readonly reservation: DoorReservation | null;
  /** The first check-in (ALREADY_CHECKED_IN) or this one (CHECKED_IN). */
  readonly checkedInAt: string | null;
}

/** A performance the door can admit. */
export type DoorPerformance = Readonly<
  Pick<
    StaffPerformance,
    'id' | 'title' | 'startsAt' | 'checkInOpensAt' | 'endsAt'
  >
>;

export function doorAnswerOf(answer: CheckInPreview | CheckedIn): DoorAnswer {
  return {
    state: answer.state,
    reservation: answer.reservation ?? null,
    checkedInAt: answer.checkedInAt ?? null,
  };
}

/** The answer a refused confirm's problem body names, or null when it names no door state. */
export function refusalAnswerOf(body: unknown): DoorAnswer | null {
  const refusal = CheckInRefusal.safeParse(body);
  if (!refusal.success) {
    return null;
  }
  const { state, code, checkedInAt } = refusal.data;
  const named = state ?? (isCheckInState(code) ? code : null);
  return named === null
    ? null
    : { state: named, reservation: null, checkedInAt: checkedInAt ?? null };
}
