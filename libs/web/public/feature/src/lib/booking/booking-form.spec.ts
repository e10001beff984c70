import {
  bookingErrorText,
  createBookingForm,
  setMaxPartySize,
  toBookingRequest,
} from './booking-form';

function filled(overrides: Partial<Record<string, unknown>> = {}, max = 6) {
  const form = createBookingForm(max);
  form.setValue({
    name: 'Ada Lovelace',
    email: 'ada@example.test',
    phone: '',
    notes: '',
    partySize: 2,
    ...overrides,
  } as never);
  return form;
}

describe('booking form validation (mirrors the API BookDto)', () => {
  it('accepts a complete booking and builds a trimmed request without empty optionals', () => {
    const form = filled({ name: '  Ada  ', email: ' ada@example.test ' });
    expect(form.valid).toBe(true);
    expect(toBookingRequest(form)).toEqual({
      name: 'Ada',
      email: 'ada@example.test',
      partySize: 2,
    });
    const withExtras = filled({
      phone: ' +49 30 1234567 ',
      notes: ' Wheelchair space ',
    });
    expect(toBookingRequest(withExtras)).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.test',
      phone: '+49 30 1234567',
      notes: 'Wheelchair space',
      partySize: 2,
    });
  });

  it('requires a name that is not just spaces, at most 120 characters', () => {
    expect(filled({ name: '   ' }).controls.name.errors).toEqual({
      required: true,
    });
    expect(filled({ name: 'x'.repeat(120) }).controls.name.valid).toBe(true);
    expect(
      filled({ name: 'x'.repeat(121) }).controls.name.errors,
    ).toHaveProperty('maxlength');
  });

  it.each([
    'ada@example',
    'ada example@x.test',
    'a@b',
    '@example.test',
    'ada@.test',
    'ada..x@example.test',
    'ada@example.t',
  ])('refuses the email %p', (email) => {
    expect(filled({ email }).controls.email.errors).toEqual({ email: true });
  });

  it.each([
    'ada@example.test',
    'a.b+tag@sub.example.co.uk',
    "o'neil@example.org",
    'x@münchen.de',
    'x@example.xn--p1ai',
  ])('accepts the email %p', (email) => {
    expect(filled({ email }).controls.email.valid).toBe(true);
  });

  it('checks the phone like the API: optional, E.164-ish, at most 32 characters', () => {
    expect(filled({ phone: '' }).controls.phone.valid).toBe(true);
    expect(filled({ phone: '+49 (30) 123-4567' }).controls.phone.valid).toBe(
      true,
    );
    expect(filled({ phone: '030 1234567' }).controls.phone.valid).toBe(true);
    expect(filled({ phone: 'call me' }).controls.phone.errors).toEqual({
      phone: true,
    });
    expect(filled({ phone: '+12' }).controls.phone.errors).toEqual({
      phone: true,
    });
    expect(
      filled({ phone: `+${'1'.repeat(32)}` }).controls.phone.errors,
    ).toHaveProperty('maxlength');
  });

  it('limits notes to 500 characters', () => {
    expect(filled({ notes: 'n'.repeat(500) }).controls.notes.valid).toBe(true);
    expect(
      filled({ notes: 'n'.repeat(501) }).controls.notes.errors,
    ).toHaveProperty('maxlength');
  });

  it('keeps the party between 1 and the performance maximum, whole seats only', () => {
    expect(filled({ partySize: 0 }).controls.partySize.errors).toHaveProperty(
      'min',
    );
    expect(filled({ partySize: 7 }).controls.partySize.errors).toHaveProperty(
      'max',
    );
    expect(filled({ partySize: 2.5 }).controls.partySize.errors).toEqual({
      integer: true,
    });
    expect(filled({ partySize: null }).controls.partySize.errors).toEqual({
      required: true,
    });
    const form = filled({ partySize: 6 });
    setMaxPartySize(form, 4);
    expect(form.controls.partySize.errors).toHaveProperty('max');
  });

  it('starts at two seats, or one when only one is allowed', () => {
    expect(createBookingForm(6).controls.partySize.value).toBe(2);
    expect(createBookingForm(1).controls.partySize.value).toBe(1);
  });

  it('words each error, preferring the server message', () => {
    expect(bookingErrorText('partySize', { max: { max: 4 } }, 4)).toBe(
      'Choose between 1 and 4 seats.',
    );
    expect(bookingErrorText('email', { email: true }, 4)).toMatch(
      /name@example.com/,
    );
    expect(bookingErrorText('name', { server: 'name is bad' }, 4)).toBe(
      'name is bad',
    );
    expect(bookingErrorText('name', null, 4)).toBe('');
  });
});
