import { Routes } from '@angular/router';

/** Mounted lazily at `/staff/orders` behind orders:view; the board is its own chunk. */
export const ordersRoutes: Routes = [
  {
    path: '',
    title: 'Orders · Foyer',
    loadComponent: () => import('./board/board-page').then((m) => m.BoardPage),
  },
];

/** Mounted lazily at `/staff/menu` behind menu:view (editing needs menu:edit). */
export const menuEditorRoutes: Routes = [
  {
    path: '',
    title: 'Menu · Foyer',
    loadComponent: () => import('./menu/menu-page').then((m) => m.MenuPage),
  },
];

/** Mounted lazily at `/staff/tables` behind tables:manage. */
export const tablesRoutes: Routes = [
  {
    path: '',
    title: 'Tables · Foyer',
    loadComponent: () =>
      import('./tables/tables-page').then((m) => m.TablesPage),
  },
];
