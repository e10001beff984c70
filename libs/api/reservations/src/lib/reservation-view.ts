/**
 * A reservation as staff see it: the one place personal data leaves the database for a
 * person (the staff list with reservations:view, the privacy export with privacy:manage).
 */
export interface StaffReservationView {
  id: string;
  reference: string;
  name: string;
  email: string;
  phone: string | null;
  notes: string | null;
  partySize: number;
  status: string;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  checkedInAt: string | null;
  /** Set once the personal fields were erased (on request or by retention). */
  anonymisedAt: string | null;
}

export interface ReservationRow {
  id: string;
  reference: string;
  name: string;
  email: string;
  phone: string | null;
  notes: string | null;
  party_size: number;
  status: string;
  created_at: Date;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  checked_in_at: Date | null;
  anonymised_at: Date | null;
  performance_id: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const reservationView = (r: ReservationRow): StaffReservationView => ({
  id: r.id,
  reference: r.reference,
  name: r.name,
  email: r.email,
  phone: r.phone,
  notes: r.notes,
  partySize: r.party_size,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  confirmedAt: iso(r.confirmed_at),
  cancelledAt: iso(r.cancelled_at),
  checkedInAt: iso(r.checked_in_at),
  anonymisedAt: iso(r.anonymised_at),
});

const COLUMNS = [
  'id',
  'reference',
  'name',
  'email',
  'phone',
  'notes',
  'party_size',
  'status',
  'created_at',
  'confirmed_at',
  'cancelled_at',
  'checked_in_at',
  'anonymised_at',
  'performance_id',
] as const;

/** The select list `reservationView` reads, optionally qualified by a table alias. */
export const reservationColumns = (alias?: string): string =>
  COLUMNS.map((column) => (alias ? `${alias}.${column}` : column)).join(', ');
