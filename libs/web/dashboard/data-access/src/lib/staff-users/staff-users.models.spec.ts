import { parsePage, parseStaffMember } from './staff-users.models';

const base = {
  id: 'u-1',
  email: 'ana@venue.test',
  displayName: 'Ana',
  role: 'host',
};

describe('parseStaffMember', () => {
  it.each(['invited', 'active', 'disabled'] as const)(
    'reads status %s',
    (status) => {
      expect(
        parseStaffMember({ ...base, disabled: status === 'disabled', status }),
      ).toEqual({ ...base, disabled: status === 'disabled', status });
    },
  );

  it('keeps an invited member that is also disabled as both', () => {
    expect(
      parseStaffMember({ ...base, disabled: true, status: 'invited' }),
    ).toMatchObject({ disabled: true, status: 'invited' });
  });

  it('treats status disabled as disabled even without the boolean', () => {
    expect(parseStaffMember({ ...base, status: 'disabled' })).toMatchObject({
      disabled: true,
      status: 'disabled',
    });
  });

  it('derives the status from `disabled` when it is absent or unknown', () => {
    expect(parseStaffMember({ ...base, disabled: false })?.status).toBe(
      'active',
    );
    expect(parseStaffMember({ ...base, disabled: true })?.status).toBe(
      'disabled',
    );
    expect(
      parseStaffMember({ ...base, disabled: false, status: 'pending' })?.status,
    ).toBe('active');
  });

  it('refuses a member without id, email or a known role', () => {
    expect(parseStaffMember({ ...base, id: 1 })).toBeNull();
    expect(parseStaffMember({ ...base, email: undefined })).toBeNull();
    expect(parseStaffMember({ ...base, role: 'boss' })).toBeNull();
    expect(parseStaffMember('nope')).toBeNull();
  });

  it('pages members, skipping unreadable ones', () => {
    expect(
      parsePage(
        {
          items: [{ ...base, status: 'invited' }, { id: 'x' }],
          nextCursor: '',
        },
        parseStaffMember,
      ),
    ).toEqual({
      items: [{ ...base, disabled: false, status: 'invited' }],
      nextCursor: null,
    });
  });
});
