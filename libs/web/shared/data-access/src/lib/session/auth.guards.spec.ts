import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Permission } from '@foyer/contracts';
import { ApiError } from '../http/api-error';
import { authGuard, permissionGuard } from './auth.guards';
import { SessionStore } from './session.store';

@Component({ template: '' })
class Blank {}

/** Just the store surface the guards read. */
class FakeSession {
  readonly granted = signal<readonly Permission[]>([]);
  readonly ensureLoaded = jest.fn<Promise<boolean>, []>();
  can(permission: Permission): boolean {
    return this.granted().includes(permission);
  }
}

describe('route guards', () => {
  let session: FakeSession;
  let router: Router;

  beforeEach(() => {
    session = new FakeSession();
    TestBed.configureTestingModule({
      providers: [
        { provide: SessionStore, useValue: session },
        provideRouter([
          { path: 'login', component: Blank },
          {
            path: 'staff',
            canMatch: [authGuard],
            children: [
              { path: '', component: Blank },
              { path: 'forbidden', component: Blank },
              {
                path: 'users',
                canActivate: [permissionGuard(Permission.USERS_VIEW)],
                component: Blank,
              },
              {
                path: 'audit',
                canMatch: [permissionGuard(Permission.AUDIT_VIEW)],
                component: Blank,
              },
            ],
          },
        ]),
      ],
    });
    router = TestBed.inject(Router);
  });

  describe('authGuard', () => {
    it('lets a loaded session through', async () => {
      session.ensureLoaded.mockResolvedValue(true);
      await router.navigateByUrl('/staff');
      expect(router.url).toBe('/staff');
      expect(session.ensureLoaded).toHaveBeenCalled();
    });

    it('sends visitors without a session to login with the URL they wanted', async () => {
      session.ensureLoaded.mockResolvedValue(false);
      await router.navigateByUrl('/staff/users?cursor=c1');
      expect(router.url).toBe(
        '/login?returnUrl=%2Fstaff%2Fusers%3Fcursor%3Dc1',
      );
    });

    it('sends them to login when the API cannot answer', async () => {
      session.ensureLoaded.mockRejectedValue(
        new ApiError(0, 'NETWORK_ERROR', 'offline'),
      );
      await router.navigateByUrl('/staff');
      expect(router.url).toBe('/login?returnUrl=%2Fstaff');
    });
  });

  describe('permissionGuard', () => {
    beforeEach(() => session.ensureLoaded.mockResolvedValue(true));

    it('lets a role with the permission through', async () => {
      session.granted.set([Permission.USERS_VIEW, Permission.AUDIT_VIEW]);
      await router.navigateByUrl('/staff/users');
      expect(router.url).toBe('/staff/users');
      await router.navigateByUrl('/staff/audit');
      expect(router.url).toBe('/staff/audit');
    });

    it('shows the forbidden page to a role without it (viewer)', async () => {
      session.granted.set([
        Permission.MENU_VIEW,
        Permission.ORDERS_VIEW,
        Permission.PERFORMANCES_VIEW,
      ]);
      await router.navigateByUrl('/staff/users');
      expect(router.url).toBe('/staff/forbidden');
      await router.navigateByUrl('/staff');
      await router.navigateByUrl('/staff/audit');
      expect(router.url).toBe('/staff/forbidden');
    });

    it('sends a visitor without a session to login first', async () => {
      session.ensureLoaded.mockResolvedValue(false);
      const guard = permissionGuard(Permission.USERS_VIEW);
      const result = await TestBed.runInInjectionContext(() => guard({}, []));
      expect(router.serializeUrl(result as never)).toMatch(/^\/login/);
    });
  });
});
