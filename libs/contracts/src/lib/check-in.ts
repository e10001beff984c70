import * as z from 'zod/mini';
import { PerformanceSummary } from './booking';
import { count, identifier, isoTime } from './wire';

/**
 * What a scanned ticket means (docs/architecture.md, State machines: check-in). A preview
 * answers one of the first seven; a successful confirm answers `CHECKED_IN`, and any other
 * state is a 409 (404 for `TOKEN_INVALID`) whose code is the state.
 */
export const CheckInState = {
  VALID: 'VALID',
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  NOT_CONFIRMED: 'NOT_CONFIRMED',
  CANCELLED: 'CANCELLED',
  WRONG_PERFORMANCE: 'WRONG_PERFORMANCE',
  OUTSIDE_WINDOW: 'OUTSIDE_WINDOW',
  /** Unknown token, or a token of another tenant or purpose: all alike. */
  TOKEN_INVALID: 'TOKEN_INVALID',
  /** The answer of a successful confirm. */
  CHECKED_IN: 'CHECKED_IN',
} as const;
export type CheckInState = (typeof CheckInState)[keyof typeof CheckInState];
export const CHECK_IN_STATES: readonly CheckInState[] =
  Object.values(CheckInState);

export const isCheckInState = (value: unknown): value is CheckInState =>
  typeof value === 'string' &&
  (CHECK_IN_STATES as readonly string[]).includes(value);

/** All the door learns about a booking: never a name, email, phone or notes (domain rule 9). */
export const DoorReservation = z.object({
  reference: z.string(),
  partySize: count,
  performance: PerformanceSummary,
});
export type DoorReservation = z.infer<typeof DoorReservation>;

/**
 * `POST /api/staff/check-in/preview` (and the undo answer): always 200. `reservation` is
 * missing for TOKEN_INVALID; `checkedInAt` is the first admission's time, with
 * ALREADY_CHECKED_IN only.
 */
export const CheckInPreview = z.object({
  state: z.enum(CHECK_IN_STATES),
  reservation: z.optional(DoorReservation),
  checkedInAt: z.optional(isoTime),
});
export type CheckInPreview = z.infer<typeof CheckInPreview>;

/** 200 of `POST /api/staff/check-in/confirm`; a retry with the same nonce gets it again. */
export const CheckedIn = z.object({
  state: z.literal(CheckInState.CHECKED_IN),
  reservation: DoorReservation,
  checkedInAt: isoTime,
});
export type CheckedIn = z.infer<typeof CheckedIn>;

/**
 * What a refused confirm adds to its problem body: the state (409) and, for
 * ALREADY_CHECKED_IN, the first admission's time. A 404 TOKEN_INVALID carries only its code.
 */
export const CheckInRefusal = z.object({
  code: z.string(),
  state: z.optional(z.enum(CHECK_IN_STATES)),
  checkedInAt: z.optional(isoTime),
});
export type CheckInRefusal = z.infer<typeof CheckInRefusal>;

/**
 * The door counts of one performance: `GET /api/staff/performances/:id/check-in/stats`
 * and the payload of `checkin.updated`.
 */
export const CheckInStats = z.object({
  performanceId: identifier,
  confirmedParties: count,
  confirmedSeats: count,
  checkedInParties: count,
  checkedInSeats: count,
});
export type CheckInStats = z.infer<typeof CheckInStats>;

export interface PreviewCheckInRequest {
  /** The check-in token the QR code holds. */
  token: string;
  /** The performance this door admits; another one answers WRONG_PERFORMANCE. */
  performanceId?: string;
}

export interface ConfirmCheckInRequest extends PreviewCheckInRequest {
  /** A client id of this scan: a retry with the same nonce gets the first 200 again. */
  nonce?: string;
}

export interface UndoCheckInRequest {
  token: string;
  /** Why the check-in is reverted (audited). */
  reason: string;
}
