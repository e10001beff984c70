import { Routes } from '@angular/router';

/**
 * The visitor's pages. Every page is its own lazy chunk; the route tables below are all the
 * app shell imports from this library.
 */
export const venueRoutes: Routes = [
  {
    path: '',
    title: 'Performances · Foyer',
    loadComponent: () => import('./venue/venue-page').then((m) => m.VenuePage),
  },
  {
    path: 'p/:performanceId',
    title: 'Book · Foyer',
    loadComponent: () =>
      import('./booking/booking-page').then((m) => m.BookingPage),
  },
  {
    path: 'booked',
    title: 'Check your email · Foyer',
    loadComponent: () =>
      import('./booking/booking-sent-page').then((m) => m.BookingSentPage),
  },
];

/** Mounted at the exact paths the emails link to: `/confirm#t=…`, `/ticket#t=…`, `/cancel#t=…`. */
export const confirmRoutes: Routes = [
  {
    path: '',
    title: 'Confirm your booking · Foyer',
    loadComponent: () =>
      import('./confirm/confirm-page').then((m) => m.ConfirmPage),
  },
];

export const ticketRoutes: Routes = [
  {
    path: '',
    title: 'Your ticket · Foyer',
    loadComponent: () =>
      import('./ticket/ticket-page').then((m) => m.TicketPage),
  },
];

export const cancelRoutes: Routes = [
  {
    path: '',
    title: 'Cancel your booking · Foyer',
    loadComponent: () =>
      import('./cancel/cancel-page').then((m) => m.CancelPage),
  },
];
