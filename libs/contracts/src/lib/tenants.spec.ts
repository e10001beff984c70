import { StaffMember } from './tenants';

const ana = {
  id: 'u-1',
  email: 'ana@venue.test',
  displayName: 'Ana',
  role: 'host',
};

describe('StaffMember', () => {
  it.each(['invited', 'active', 'disabled'] as const)(
    'reads status %s',
    (status) => {
      const member = { ...ana, status, disabled: status === 'disabled' };
      expect(StaffMember.parse(member)).toEqual(member);
    },
  );

  it('keeps an invited member that is also disabled as both', () => {
    expect(
      StaffMember.parse({ ...ana, status: 'invited', disabled: true }),
    ).toMatchObject({ status: 'invited', disabled: true });
  });

  it('refuses a member without id, email, a known role or a known status', () => {
    const member = { ...ana, status: 'active', disabled: false };
    for (const wrong of [
      { ...member, id: 1 },
      { ...member, id: '' },
      { ...member, email: undefined },
      { ...member, role: 'boss' },
      { ...member, status: 'pending' },
      { ...member, disabled: undefined },
      'nope',
    ]) {
      expect(StaffMember.safeParse(wrong).success).toBe(false);
    }
  });
});
