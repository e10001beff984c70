import { CheckInStats } from '@foyer/contracts';

/** Check-in preview states (docs/architecture.md), plus CHECKED_IN, a successful confirm. */
export const DOOR_STATES = [
  'VALID',
  'ALREADY_CHECKED_IN',
  'NOT_CONFIRMED',
  'CANCELLED',
  'WRONG_PERFORMANCE',
  'OUTSIDE_WINDOW',
  'TOKEN_INVALID',
  'CHECKED_IN',
] as const;
export type DoorState = (typeof DOOR_STATES)[number];

export const isDoorState = (value: unknown): value is DoorState =>
  typeof value === 'string' &&
  (DOOR_STATES as readonly string[]).includes(value);

/** All the door learns about a booking: never a name, email, phone or notes. */
export interface DoorReservation {
  readonly reference: string;
  readonly partySize: number;
  readonly performance: {
    readonly id: string;
    readonly title: string;
    readonly startsAt: string;
  };
}

/** A preview or a confirm, as one shape: confirm's 404 and 409 answers carry a state too. */
export interface DoorAnswer {
  readonly state: DoorState;
  readonly reservation: DoorReservation | null;
  /** The first check-in (ALREADY_CHECKED_IN) or this one (CHECKED_IN). */
  readonly checkedInAt: string | null;
}

/** A performance the door can admit. */
export interface DoorPerformance {
  readonly id: string;
  readonly title: string;
  readonly startsAt: string;
  readonly checkInOpensAt: string;
  readonly endsAt: string;
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
const str = (value: unknown): value is string => typeof value === 'string';
const count = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : 0;

function parseReservation(value: unknown): DoorReservation | null {
  const raw = record(value);
  const performance = record(raw?.['performance']);
  const reference = raw?.['reference'];
  if (!str(reference) || !performance || !str(performance['id'])) {
    return null;
  }
  return {
    reference,
    partySize: count(raw?.['partySize']),
    performance: {
      id: performance['id'],
      title: str(performance['title']) ? performance['title'] : '',
      startsAt: str(performance['startsAt']) ? performance['startsAt'] : '',
    },
  };
}

/** A 200 body, or a problem body whose `state` or `code` names a door state. */
export function parseDoorAnswer(value: unknown): DoorAnswer | null {
  const raw = record(value);
  const state = isDoorState(raw?.['state']) ? raw?.['state'] : raw?.['code'];
  if (!isDoorState(state)) {
    return null;
  }
  const checkedInAt = raw?.['checkedInAt'];
  return {
    state,
    reservation: parseReservation(raw?.['reservation']),
    checkedInAt: str(checkedInAt) ? checkedInAt : null,
  };
}

export function parseStats(
  value: unknown,
  performanceId: string,
): CheckInStats | null {
  const raw = record(value);
  if (!raw) {
    return null;
  }
  const id = raw['performanceId'];
  if (str(id) && id !== performanceId) {
    return null;
  }
  return {
    performanceId,
    confirmedParties: count(raw['confirmedParties']),
    confirmedSeats: count(raw['confirmedSeats']),
    checkedInParties: count(raw['checkedInParties']),
    checkedInSeats: count(raw['checkedInSeats']),
  };
}

export function parseDoorPerformance(value: unknown): DoorPerformance | null {
  const raw = record(value);
  const fields = ['id', 'title', 'startsAt', 'endsAt'] as const;
  if (!raw || !fields.every((field) => str(raw[field]))) {
    return null;
  }
  const startsAt = raw['startsAt'] as string;
  return {
    id: raw['id'] as string,
    title: raw['title'] as string,
    startsAt,
    endsAt: raw['endsAt'] as string,
    checkInOpensAt: str(raw['checkInOpensAt'])
      ? raw['checkInOpensAt']
      : startsAt,
  };
}
