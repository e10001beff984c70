import { Route } from '@angular/router';
import { authGuard } from '@foyer/web/data-access';
import { dinerRoutes } from '@foyer/web/diner';
import {
  cancelRoutes,
  confirmRoutes,
  ticketRoutes,
  venueRoutes,
} from '@foyer/web/public';
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
      // Staff account pages without a session; the emails link to exactly
      // /reset-password, /set-password and /accept-invitation (token in the fragment).
      {
        path: 'forgot-password',
        loadChildren: () =>
          import('@foyer/web/dashboard').then((m) => m.forgotPasswordRoutes),
      },
      {
        path: 'reset-password',
        loadChildren: () =>
          import('@foyer/web/dashboard').then((m) => m.resetPasswordRoutes),
      },
      {
        path: 'set-password',
        loadChildren: () =>
          import('@foyer/web/dashboard').then((m) => m.setPasswordRoutes),
      },
      {
        path: 'accept-invitation',
        loadChildren: () =>
          import('@foyer/web/dashboard').then((m) => m.acceptInvitationRoutes),
      },
      // The visitor's booking site; the email links use exactly /confirm, /ticket, /cancel.
      // The route tables are in the shell (a few hundred bytes); each page is one lazy
      // chunk, so a page loads in one step after the app starts, not two.
      {
        path: 'v/:slug',
        children: venueRoutes,
      },
      {
        path: 'confirm',
        children: confirmRoutes,
      },
      {
        path: 'ticket',
        children: ticketRoutes,
      },
      {
        path: 'cancel',
        children: cancelRoutes,
      },
      // The diner's table page: the address each table's QR code holds.
      {
        path: 't/:code',
        children: dinerRoutes,
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
