import { StaffReservationView } from '@foyer/contracts';
import { Reservation } from './reservation';

export type { StaffReservationView } from '@foyer/contracts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A reservation as staff see it: the one place personal data leaves the database for a
 * person (the staff list with reservations:view, the privacy export with privacy:manage).
 */
export const reservationView = (r: Reservation): StaffReservationView => ({
  id: r.id,
  reference: r.reference,
  name: r.name,
  email: r.email,
  phone: r.phone,
  notes: r.notes,
  partySize: r.partySize,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  confirmedAt: iso(r.confirmedAt),
  cancelledAt: iso(r.cancelledAt),
  checkedInAt: iso(r.checkedInAt),
  anonymisedAt: iso(r.anonymisedAt),
});
