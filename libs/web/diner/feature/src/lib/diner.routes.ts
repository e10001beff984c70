import { Routes } from '@angular/router';

/** Mounted at `/t/:code`, the address the table's QR code holds. */
export const dinerRoutes: Routes = [
  {
    path: '',
    title: 'Order at your table · Foyer',
    loadComponent: () => import('./table/table-page').then((m) => m.TablePage),
  },
];
