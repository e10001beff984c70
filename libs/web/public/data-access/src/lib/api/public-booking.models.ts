/** Shapes of the public booking API (its routes in the OpenAPI document the API serves). */

export interface PublicVenue {
  slug: string;
  name: string;
  /** IANA zone, e.g. "Europe/Berlin": performance times are shown in it. */
  timezone: string;
  currency: string;
}

export type BookingStatus = 'open' | 'closed' | 'sold_out' | 'cancelled';

export interface PublicPerformance {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  seatsAvailable: number;
  maxPartySize: number;
  bookingStatus: BookingStatus;
}

export interface BookingRequest {
  name: string;
  email: string;
  phone?: string;
  notes?: string;
  partySize: number;
}

export interface BookingAccepted {
  reference: string;
  status: 'pending';
}

export interface PerformanceSummary {
  id: string;
  title: string;
  startsAt: string;
}

export interface ConfirmResult {
  reference: string;
  status: 'confirmed';
  performance: PerformanceSummary;
  partySize: number;
  alreadyConfirmed?: true;
}

export interface Ticket {
  reference: string;
  performance: PerformanceSummary;
  partySize: number;
  status: string;
  /** Server-generated SVG of the QR code: shown through an <img>, never as markup. */
  qrSvg: string;
}

export interface CancelResult {
  reference: string;
  status: 'cancelled';
}
