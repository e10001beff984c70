import { Routes } from '@angular/router';

/** Mounted lazily at `/staff/check-in` behind checkin:scan; the scanner (and zxing) is its own chunk. */
export const checkInRoutes: Routes = [
  {
    path: '',
    title: 'Door · Foyer',
    loadComponent: () =>
      import('./scanner/scanner-page').then((m) => m.ScannerPage),
  },
];
