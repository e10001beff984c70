// Only route tables: every page behind them is a lazy chunk, so the app's initial bundle
// carries no staff code.
export { staffRoutes } from './lib/staff.routes';
export { loginRoutes } from './lib/login/login.routes';
export {
  forgotPasswordRoutes,
  resetPasswordRoutes,
  setPasswordRoutes,
  acceptInvitationRoutes,
} from './lib/links/account-links.routes';
