import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Foyer',
    loadComponent: () => import('./home/home').then((m) => m.Home),
  },
  // Unknown paths fall back to home until a not-found page exists.
  { path: '**', redirectTo: '' },
];
