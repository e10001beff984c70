import { Route } from '@angular/router';
import { authGuard } from '@foyer/web/data-access';
import { PublicLayout } from './layout/public-layout';

export const appRoutes: Route[] = [
  {
    path: '',
    component: PublicLayout,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Foyer',
        loadComponent: () => import('./home/home').then((m) => m.Home),
      },
      {
        path: 'login',
        loadChildren: () => import('@foyer/web/dashboard').then((m) => m.loginRoutes),
      },
    ],
  },
  {
    // canMatch: anonymous visitors never download the staff chunks; they go to /login.
    path: 'staff',
    canMatch: [authGuard],
    loadChildren: () => import('@foyer/web/dashboard').then((m) => m.staffRoutes),
  },
  // Unknown paths fall back to home until a not-found page exists.
  { path: '**', redirectTo: '' },
];
