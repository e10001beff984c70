import * as z from 'zod/mini';
import { listOf } from './http';
import { BOOKING_STATES } from './performances';
import { RESERVATION_STATUSES } from './reservations';
import { count, identifier, isoTime } from './wire';

/** The visitor's booking site: `/api/public/venues/:slug/performances`, `/api/public/…`. */

/** A performance on the public site, with its live availability. */
export const PublicPerformance = z.object({
  id: identifier,
  title: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
  seatsAvailable: count,
  maxPartySize: count,
  bookingStatus: z.enum(BOOKING_STATES),
});
export type PublicPerformance = z.infer<typeof PublicPerformance>;

/** `GET /api/public/venues/:slug/performances`: the upcoming ones, soonest first. */
export const PublicPerformances = listOf(PublicPerformance);
export type PublicPerformances = z.infer<typeof PublicPerformances>;

/** Body of `POST /api/public/performances/:id/reservations`. */
export interface BookingRequest {
  name: string;
  email: string;
  phone?: string;
  notes?: string;
  partySize: number;
}

/** 202: the booking waits for its emailed confirmation link and holds no seats yet. */
export const BookingAccepted = z.object({
  reference: z.string(),
  status: z.literal('pending'),
});
export type BookingAccepted = z.infer<typeof BookingAccepted>;

/** Which performance a booking is for: all a confirmation, a ticket or the door shows of it. */
export const PerformanceSummary = z.object({
  id: identifier,
  title: z.string(),
  startsAt: isoTime,
});
export type PerformanceSummary = z.infer<typeof PerformanceSummary>;

/** `POST /api/public/reservations/confirm`; a repeat says `alreadyConfirmed`. */
export const ConfirmResult = z.object({
  reference: z.string(),
  status: z.literal('confirmed'),
  performance: PerformanceSummary,
  partySize: count,
  alreadyConfirmed: z.optional(z.literal(true)),
});
export type ConfirmResult = z.infer<typeof ConfirmResult>;

/** `POST /api/public/tickets/lookup`. */
export const Ticket = z.object({
  reference: z.string(),
  performance: PerformanceSummary,
  partySize: count,
  status: z.enum(RESERVATION_STATUSES),
  /** The QR code of the opaque check-in token as SVG: shown through an <img>, never as markup. */
  qrSvg: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;

/** `POST /api/public/reservations/cancel`; a repeat answers the same. */
export const CancelResult = z.object({
  reference: z.string(),
  status: z.literal('cancelled'),
});
export type CancelResult = z.infer<typeof CancelResult>;
