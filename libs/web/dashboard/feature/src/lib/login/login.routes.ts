import { Routes } from '@angular/router';

/** `/login`, lazy so the public home does not carry it. */
export const loginRoutes: Routes = [
  {
    path: '',
    title: 'Staff sign in · Foyer',
    loadComponent: () => import('./login-page').then((m) => m.LoginPage),
  },
];
