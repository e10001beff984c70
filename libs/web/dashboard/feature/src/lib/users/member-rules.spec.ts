import { ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';
import {
  assignableRoles,
  lockedReason,
  memberErrorMessage,
} from './member-rules';

const owner = {
  id: 'o',
  email: 'o@v.test',
  displayName: 'O',
  role: 'owner',
  disabled: false,
  status: 'active',
} as const;
const host = {
  id: 'h',
  email: 'h@v.test',
  displayName: 'H',
  role: 'host',
  disabled: false,
  status: 'active',
} as const;

describe('member rules', () => {
  it('offers owner only to owners', () => {
    expect(assignableRoles('owner')).toContain('owner');
    expect(assignableRoles('admin')).toEqual([
      'admin',
      'manager',
      'host',
      'kitchen',
      'viewer',
    ]);
  });

  it('locks your own row and owners for non-owners', () => {
    expect(lockedReason('admin', 'a', owner)).toMatch(/Only an owner/);
    expect(lockedReason('owner', 'x', owner)).toBeNull();
    expect(lockedReason('admin', 'h', host)).toMatch(/This is you/);
    expect(lockedReason('admin', 'a', host)).toBeNull();
  });

  it('explains 409 LAST_OWNER and 403', () => {
    expect(
      memberErrorMessage(new ApiError(409, ErrorCode.LAST_OWNER, 'x')),
    ).toMatch(/without an owner/);
    expect(
      memberErrorMessage(new ApiError(403, ErrorCode.FORBIDDEN, 'x')),
    ).toMatch(/does not allow/);
  });
});
