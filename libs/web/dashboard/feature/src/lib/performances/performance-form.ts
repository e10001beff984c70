import {
  AbstractControl,
  FormControl,
  FormGroup,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import {
  BookingStatus,
  Performance,
  PerformanceInput,
} from '@foyer/web/dashboard-data-access';
import { isoToLocal, localToIso } from '../time/local-time';

export const PERFORMANCE_FIELDS = [
  'title',
  'roomId',
  'startsAt',
  'endsAt',
  'checkInOpensAt',
  'bookingOpensAt',
  'bookingClosesAt',
  'bookingStatus',
  'additionalSeats',
  'manuallyOccupiedSeats',
  'maxPartySize',
] as const;
export type PerformanceField = (typeof PERFORMANCE_FIELDS)[number];

const wholeNumber = (min: number, max: number) => [
  Validators.required,
  Validators.min(min),
  Validators.max(max),
  Validators.pattern(/^\d+$/),
];

/** The same order rules the API checks, so most mistakes are caught before sending. */
function timesInOrder(group: AbstractControl): ValidationErrors | null {
  const at = (name: string) =>
    localToIso((group.get(name)?.value as string | null) ?? '');
  const errors: ValidationErrors = {};
  const startsAt = at('startsAt');
  const endsAt = at('endsAt');
  const checkIn = at('checkInOpensAt');
  const opens = at('bookingOpensAt');
  const closes = at('bookingClosesAt');
  if (startsAt && endsAt && endsAt <= startsAt) {
    errors['endsAt'] = 'must be after the start';
  }
  if (checkIn && endsAt && checkIn > endsAt) {
    errors['checkInOpensAt'] = 'must not be after the end';
  }
  if (opens && closes && closes <= opens) {
    errors['bookingClosesAt'] = 'must be after booking opens';
  }
  return Object.keys(errors).length > 0 ? { order: errors } : null;
}

export function performanceForm() {
  return new FormGroup(
    {
      title: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(200)],
      }),
      roomId: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required],
      }),
      startsAt: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required],
      }),
      endsAt: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required],
      }),
      checkInOpensAt: new FormControl('', { nonNullable: true }),
      bookingOpensAt: new FormControl('', { nonNullable: true }),
      bookingClosesAt: new FormControl('', { nonNullable: true }),
      bookingStatus: new FormControl<BookingStatus>('closed', {
        nonNullable: true,
      }),
      additionalSeats: new FormControl<number | null>(
        0,
        wholeNumber(0, 100_000),
      ),
      manuallyOccupiedSeats: new FormControl<number | null>(
        0,
        wholeNumber(0, 100_000),
      ),
      maxPartySize: new FormControl<number | null>(6, wholeNumber(1, 50)),
    },
    { validators: timesInOrder },
  );
}

export type PerformanceForm = ReturnType<typeof performanceForm>;
export type PerformanceFormValue = ReturnType<PerformanceForm['getRawValue']>;

/** The form's local date-times as ISO-8601 UTC; empty booking bounds become null (no bound). */
export function toPerformanceInput(
  value: PerformanceFormValue,
): PerformanceInput {
  const checkInOpensAt = localToIso(value.checkInOpensAt);
  return {
    title: value.title.trim(),
    roomId: value.roomId,
    startsAt: localToIso(value.startsAt) ?? '',
    endsAt: localToIso(value.endsAt) ?? '',
    ...(checkInOpensAt ? { checkInOpensAt } : {}),
    bookingOpensAt: localToIso(value.bookingOpensAt) ?? null,
    bookingClosesAt: localToIso(value.bookingClosesAt) ?? null,
    bookingStatus: value.bookingStatus,
    additionalSeats: Number(value.additionalSeats ?? 0),
    manuallyOccupiedSeats: Number(value.manuallyOccupiedSeats ?? 0),
    maxPartySize: Number(value.maxPartySize ?? 1),
  };
}

export function toFormValue(performance: Performance): PerformanceFormValue {
  return {
    title: performance.title,
    roomId: performance.roomId,
    startsAt: isoToLocal(performance.startsAt),
    endsAt: isoToLocal(performance.endsAt),
    checkInOpensAt: isoToLocal(performance.checkInOpensAt),
    bookingOpensAt: isoToLocal(performance.bookingOpensAt),
    bookingClosesAt: isoToLocal(performance.bookingClosesAt),
    bookingStatus: performance.bookingStatus,
    additionalSeats: performance.additionalSeats,
    manuallyOccupiedSeats: performance.manuallyOccupiedSeats,
    maxPartySize: performance.maxPartySize,
  };
}

const LABELS: Record<PerformanceField, string> = {
  title: 'Title',
  roomId: 'Room',
  startsAt: 'Start',
  endsAt: 'End',
  checkInOpensAt: 'Check-in opens',
  bookingOpensAt: 'Booking opens',
  bookingClosesAt: 'Booking closes',
  bookingStatus: 'Booking status',
  additionalSeats: 'Additional seats',
  manuallyOccupiedSeats: 'Manually occupied seats',
  maxPartySize: 'Largest party',
};

export const fieldLabel = (field: PerformanceField): string => LABELS[field];

/** Words for a field's client-side problem, or '' when it has none. */
export function clientError(
  form: PerformanceForm,
  field: PerformanceField,
): string {
  const order = (
    form.errors?.['order'] as Record<string, string> | undefined
  )?.[field];
  const errors = form.controls[field].errors;
  if (errors?.['required']) {
    return field === 'roomId'
      ? 'Choose a room.'
      : `Enter the ${fieldLabel(field).toLowerCase()}.`;
  }
  if (errors?.['maxlength']) {
    return 'At most 200 characters.';
  }
  if (errors?.['min'] || errors?.['max'] || errors?.['pattern']) {
    return field === 'maxPartySize'
      ? 'A whole number from 1 to 50.'
      : 'A whole number from 0 to 100000.';
  }
  return order ? `${fieldLabel(field)} ${order}.` : '';
}
