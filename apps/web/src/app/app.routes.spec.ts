import { Route } from '@angular/router';
import { authGuard } from '@foyer/web/data-access';
import { appRoutes } from './app.routes';

describe('appRoutes', () => {
  it('mounts /staff lazily behind authGuard (canMatch), so anonymous visitors never load it', () => {
    const staff = appRoutes.find((route) => route.path === 'staff');
    expect(staff?.canMatch).toEqual([authGuard]);
    expect(staff?.loadChildren).toBeInstanceOf(Function);
    expect(staff?.component).toBeUndefined();
    expect(staff?.children).toBeUndefined();
  });

  it('loads /login lazily under the public layout', () => {
    const publicRoutes =
      appRoutes.find((route) => route.path === '')?.children ?? [];
    const login = publicRoutes.find((route) => route.path === 'login');
    expect(login?.loadChildren).toBeInstanceOf(Function);
    expect(
      publicRoutes.find((route) => route.path === '')?.loadComponent,
    ).toBeInstanceOf(Function);
  });

  it('loads the staff account link pages lazily under the public layout, at the paths the emails hold', async () => {
    const publicRoutes =
      appRoutes.find((route) => route.path === '')?.children ?? [];
    for (const path of [
      'forgot-password',
      'reset-password',
      'set-password',
      'accept-invitation',
    ]) {
      const route = publicRoutes.find((candidate) => candidate.path === path);
      expect(route?.canMatch).toBeUndefined();
      expect(route?.loadChildren).toBeInstanceOf(Function);
      const children = (await route?.loadChildren?.()) as Route[];
      expect(children.length).toBeGreaterThan(0);
      for (const page of children) {
        expect(page.loadComponent).toBeInstanceOf(Function);
        expect(page.component).toBeUndefined();
      }
    }
  });

  it('mounts the booking and diner pages at the paths the emails and QR codes hold, each page one lazy chunk', () => {
    const publicRoutes =
      appRoutes.find((route) => route.path === '')?.children ?? [];
    for (const path of ['v/:slug', 'confirm', 'ticket', 'cancel', 't/:code']) {
      const route = publicRoutes.find((candidate) => candidate.path === path);
      expect(route?.canMatch).toBeUndefined();
      expect(route?.children?.length).toBeGreaterThan(0);
      for (const page of route?.children ?? []) {
        expect(page.loadComponent).toBeInstanceOf(Function);
        expect(page.component).toBeUndefined();
      }
    }
  });
});
