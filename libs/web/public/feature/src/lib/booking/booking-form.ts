import {
  AbstractControl,
  FormControl,
  FormGroup,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import { BookingRequest } from '@foyer/web/public-data-access';

/*
 * The API's BookDto rules, mirrored so visitors learn of a mistake before sending; the
 * server stays the authority and its field errors land on the same controls.
 */
export const NAME_MAX = 120;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 32;
export const NOTES_MAX = 500;
/** BookDto's `@Matches` for phone numbers, applied to the trimmed value. */
export const PHONE = /^\+?[0-9][0-9 ()-]{3,30}$/;
/**
 * A dot-atom local part and a domain with a top-level label of two or more letters (or
 * punycode), close to validator.js's isEmail that the API uses: stricter than Angular's
 * built-in, which accepts `a@b`.
 */
export const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/iu;

export type BookingField = 'name' | 'email' | 'phone' | 'notes' | 'partySize';
export const BOOKING_FIELDS: readonly BookingField[] = [
  'name',
  'email',
  'phone',
  'notes',
  'partySize',
];

const trimmed = (control: AbstractControl) =>
  typeof control.value === 'string' ? control.value.trim() : '';

const requiredTrimmed: ValidatorFn = (control) =>
  trimmed(control) === '' ? { required: true } : null;

const maxTrimmed =
  (max: number): ValidatorFn =>
  (control) =>
    trimmed(control).length > max
      ? { maxlength: { requiredLength: max } }
      : null;

const pattern =
  (regex: RegExp, key: string): ValidatorFn =>
  (control) => {
    const value = trimmed(control);
    return value === '' || regex.test(value) ? null : { [key]: true };
  };

function partySizeValidator(maxPartySize: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = control.value as number | null;
    if (value === null || (value as unknown) === '') {
      return { required: true };
    }
    if (!Number.isInteger(value)) {
      return { integer: true };
    }
    if (value < 1) {
      return { min: { min: 1 } };
    }
    return value > maxPartySize ? { max: { max: maxPartySize } } : null;
  };
}

export function createBookingForm(maxPartySize: number) {
  return new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [requiredTrimmed, maxTrimmed(NAME_MAX)],
    }),
    email: new FormControl('', {
      nonNullable: true,
      validators: [
        requiredTrimmed,
        maxTrimmed(EMAIL_MAX),
        pattern(EMAIL, 'email'),
      ],
    }),
    phone: new FormControl('', {
      nonNullable: true,
      validators: [maxTrimmed(PHONE_MAX), pattern(PHONE, 'phone')],
    }),
    notes: new FormControl('', {
      nonNullable: true,
      validators: [maxTrimmed(NOTES_MAX)],
    }),
    partySize: new FormControl<number | null>(Math.min(2, maxPartySize), {
      validators: [partySizeValidator(maxPartySize)],
    }),
  });
}

export type BookingForm = ReturnType<typeof createBookingForm>;

/** Resets the party-size limit when fresh availability data arrives. */
export function setMaxPartySize(form: BookingForm, maxPartySize: number): void {
  form.controls.partySize.setValidators([partySizeValidator(maxPartySize)]);
  form.controls.partySize.updateValueAndValidity();
}

/** The request body: trimmed, optional fields left out when empty (the API refuses ""). */
export function toBookingRequest(form: BookingForm): BookingRequest {
  const value = form.getRawValue();
  const phone = value.phone.trim();
  const notes = value.notes.trim();
  return {
    name: value.name.trim(),
    email: value.email.trim(),
    ...(phone ? { phone } : {}),
    ...(notes ? { notes } : {}),
    partySize: value.partySize ?? 0,
  };
}

/** What to tell the visitor about one field's errors; '' when it is fine. */
export function bookingErrorText(
  field: BookingField,
  errors: ValidationErrors | null,
  maxPartySize: number,
): string {
  if (!errors) {
    return '';
  }
  if (typeof errors['server'] === 'string') {
    return errors['server'];
  }
  switch (field) {
    case 'name':
      return errors['required']
        ? 'Enter your name.'
        : `Use at most ${NAME_MAX} characters.`;
    case 'email':
      if (errors['required'])
        return 'Enter your email address: the confirmation link goes there.';
      return errors['maxlength']
        ? `Use at most ${EMAIL_MAX} characters.`
        : 'Enter an email address like name@example.com.';
    case 'phone':
      return errors['maxlength']
        ? `Use at most ${PHONE_MAX} characters.`
        : 'Enter a phone number like +49 30 1234567 (digits, spaces, brackets and "-").';
    case 'notes':
      return `Use at most ${NOTES_MAX} characters.`;
    case 'partySize':
      if (errors['required']) return 'Enter how many seats you need.';
      return `Choose between 1 and ${maxPartySize} seats.`;
  }
}
