import { inject } from '@angular/core';
import {
  CanActivateFn,
  CanMatchFn,
  GuardResult,
  Router,
  UrlTree,
} from '@angular/router';
import { Permission } from '@foyer/contracts';
import { LOGIN_PATH, safeReturnUrl } from './return-url';
import { SessionStore } from './session.store';

/** Where a signed-in user lands when a page needs a permission they lack. */
export const FORBIDDEN_PATH = '/staff/forbidden';

function loginTree(router: Router): UrlTree {
  // During canMatch the router has not committed the URL yet: take the navigation target.
  const target = router.currentNavigation()?.extractedUrl;
  const returnUrl = safeReturnUrl(
    target ? router.serializeUrl(target) : router.url,
  );
  return router.createUrlTree(
    [LOGIN_PATH],
    returnUrl ? { queryParams: { returnUrl } } : {},
  );
}

async function sessionOrLogin(): Promise<true | UrlTree> {
  const router = inject(Router);
  const session = inject(SessionStore);
  try {
    return (await session.ensureLoaded()) ? true : loginTree(router);
  } catch {
    // The API is unreachable or failing: the login page explains and lets them retry.
    return loginTree(router);
  }
}

/**
 * Lets signed-in staff through, loading `/api/auth/me` once when the session is not known
 * yet (e.g. after a reload); everyone else goes to `/login?returnUrl=…`. Use it as
 * `canMatch` so a lazy staff bundle is not even fetched for anonymous visitors.
 */
export const authGuard: CanMatchFn & CanActivateFn = () => sessionOrLogin();

/**
 * Lets through only a session whose role grants `permission` (the same `Permission` the
 * API checks); others see the forbidden page. The API enforces it regardless.
 */
export function permissionGuard(
  permission: Permission,
): CanMatchFn & CanActivateFn {
  return async (): Promise<GuardResult> => {
    const router = inject(Router);
    const session = inject(SessionStore);
    const signedIn = await sessionOrLogin();
    if (signedIn !== true) {
      return signedIn;
    }
    return session.can(permission) ? true : router.parseUrl(FORBIDDEN_PATH);
  };
}
