import { Routes } from '@angular/router';

/** Mounted lazily at `/staff/orders` behind orders:view; the board is its own chunk. */
export const ordersRoutes: Routes = [
  {
    path: '',
    title: 'Orders · Foyer',
    loadComponent: () => import('./board/board-page').then((m) => m.BoardPage),
  },
];
