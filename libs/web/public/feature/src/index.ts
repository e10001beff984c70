// Only route tables: every page behind them is a lazy chunk, so the app's initial bundle
// carries none of the booking pages.
export {
  venueRoutes,
  confirmRoutes,
  ticketRoutes,
  cancelRoutes,
} from './lib/public.routes';
