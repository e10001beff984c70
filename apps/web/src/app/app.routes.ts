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
        loadChildren: () =>
          import('@foyer/web/dashboard').then((m) => m.loginRoutes),
      },
      // The visitor's booking site; the email links use exactly /confirm, /ticket, /cancel.
      {
        path: 'v/:slug',
        loadChildren: () =>
          import('@foyer/web/public').then((m) => m.venueRoutes),
      },
      {
        path: 'confirm',
        loadChildren: () =>
          import('@foyer/web/public').then((m) => m.confirmRoutes),
      },
      {
        path: 'ticket',
        loadChildren: () =>
          import('@foyer/web/public').then((m) => m.ticketRoutes),
      },
      {
        path: 'cancel',
        loadChildren: () =>
          import('@foyer/web/public').then((m) => m.cancelRoutes),
      },
      // The diner's table page: the address each table's QR code holds.
      {
        path: 't/:code',
        loadChildren: () =>
          import('@foyer/web/diner').then((m) => m.dinerRoutes),
      },
    ],
  },
  {
    // canMatch: anonymous visitors never download the staff chunks; they go to /login.
    path: 'staff',
    canMatch: [authGuard],
    loadChildren: () =>
      import('@foyer/web/dashboard').then((m) => m.staffRoutes),
  },
  // Unknown paths fall back to home until a not-found page exists.
  { path: '**', redirectTo: '' },
];
