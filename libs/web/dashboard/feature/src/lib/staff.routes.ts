import { Routes } from '@angular/router';
import { Permission } from '@foyer/contracts';
import { permissionGuard } from '@foyer/web/data-access';
import { STAFF_NAV } from './shell/staff-nav';

/**
 * `/staff/**`, mounted lazily by the app behind `authGuard`. Each page is its own chunk and
 * is guarded by the same Permission the API checks for it.
 */
export const staffRoutes: Routes = [
  {
    path: '',
    loadComponent: () =>
      import('./shell/staff-shell').then((m) => m.StaffShell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Staff · Foyer',
        loadComponent: () =>
          import('./landing/staff-landing').then((m) => m.StaffLanding),
      },
      {
        path: 'users',
        title: 'Staff members · Foyer',
        canActivate: [permissionGuard(Permission.USERS_VIEW)],
        loadComponent: () =>
          import('./users/users-page').then((m) => m.UsersPage),
      },
      {
        path: 'audit',
        title: 'Audit trail · Foyer',
        canActivate: [permissionGuard(Permission.AUDIT_VIEW)],
        loadComponent: () =>
          import('./audit/audit-page').then((m) => m.AuditPage),
      },
      {
        path: 'performances',
        title: 'Performances · Foyer',
        canActivate: [permissionGuard(Permission.PERFORMANCES_VIEW)],
        loadComponent: () =>
          import('./performances/performances-page').then(
            (m) => m.PerformancesPage,
          ),
      },
      {
        path: 'performances/new',
        title: 'New performance · Foyer',
        canActivate: [permissionGuard(Permission.PERFORMANCES_EDIT)],
        loadComponent: () =>
          import('./performances/performance-editor').then(
            (m) => m.PerformanceEditor,
          ),
      },
      {
        path: 'performances/:id',
        title: 'Performance · Foyer',
        canActivate: [permissionGuard(Permission.PERFORMANCES_VIEW)],
        loadComponent: () =>
          import('./performances/performance-editor').then(
            (m) => m.PerformanceEditor,
          ),
      },
      {
        path: 'rooms',
        title: 'Rooms · Foyer',
        canActivate: [permissionGuard(Permission.PERFORMANCES_VIEW)],
        loadComponent: () =>
          import('./rooms/rooms-page').then((m) => m.RoomsPage),
      },
      {
        path: 'reservations',
        title: 'Reservations · Foyer',
        canActivate: [permissionGuard(Permission.RESERVATIONS_VIEW)],
        loadComponent: () =>
          import('./reservations/reservations-page').then(
            (m) => m.ReservationsPage,
          ),
      },
      {
        // Its own library: the camera scanner and @zxing download only with this route.
        path: 'check-in',
        canActivate: [permissionGuard(Permission.CHECKIN_SCAN)],
        loadChildren: () =>
          import('@foyer/web/check-in').then((m) => m.checkInRoutes),
      },
      {
        // Its own library (with menu and tables): the board and socket.io load with the route.
        path: 'orders',
        canActivate: [permissionGuard(Permission.ORDERS_VIEW)],
        loadChildren: () =>
          import('@foyer/web/orders').then((m) => m.ordersRoutes),
      },
      {
        path: 'menu',
        canActivate: [permissionGuard(Permission.MENU_VIEW)],
        loadChildren: () =>
          import('@foyer/web/orders').then((m) => m.menuEditorRoutes),
      },
      {
        path: 'tables',
        canActivate: [permissionGuard(Permission.TABLES_MANAGE)],
        loadChildren: () =>
          import('@foyer/web/orders').then((m) => m.tablesRoutes),
      },
      {
        // Every role: the signed-in user's own account and devices.
        path: 'account',
        title: 'Your account · Foyer',
        loadComponent: () =>
          import('./account/account-page').then((m) => m.AccountPage),
      },
      {
        path: 'account/password',
        title: 'Change password · Foyer',
        loadComponent: () =>
          import('./account/change-password-page').then(
            (m) => m.ChangePasswordPage,
          ),
      },
      {
        path: 'forbidden',
        title: 'Not available · Foyer',
        loadComponent: () =>
          import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
      },
      ...STAFF_NAV.filter((item) => !item.ready).map((item) => ({
        path: item.path,
        title: `${item.label} · Foyer`,
        data: { heading: item.label },
        canActivate: [permissionGuard(item.permission)],
        loadComponent: () =>
          import('./coming-soon/coming-soon-page').then(
            (m) => m.ComingSoonPage,
          ),
      })),
      { path: '**', redirectTo: '' },
    ],
  },
];
