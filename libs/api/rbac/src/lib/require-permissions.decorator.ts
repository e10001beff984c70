import { SetMetadata } from '@nestjs/common';
import { Permission } from '@foyer/contracts';

export const REQUIRED_PERMISSIONS = 'foyer:required-permissions';

/**
 * Declares what a route (or every route of a controller) needs. The first parameter is
 * separate so an empty declaration does not compile: an empty list would read as "no
 * permission needed", which the guard refuses on staff routes anyway.
 */
export const RequirePermissions = (first: Permission, ...rest: Permission[]) =>
  SetMetadata(REQUIRED_PERMISSIONS, Object.freeze([first, ...rest]));

export const MEMBER_ONLY = 'foyer:member-only';

/**
 * Declares a staff route that any signed-in member of the tenant may use (reading the
 * tenant's own settings): an explicit declaration, so the guard still fails closed on
 * routes that declare nothing.
 */
export const AnyStaffMember = () => SetMetadata(MEMBER_ONLY, true);
