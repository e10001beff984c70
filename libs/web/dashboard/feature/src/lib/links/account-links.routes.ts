import { Routes } from '@angular/router';

/**
 * The staff account pages reached without a session, at the paths the emails link to
 * (`/reset-password#t=…`, `/set-password#t=…`, `/accept-invitation#t=…`) and from the
 * sign-in page (`/forgot-password`). Each is a lazy chunk.
 */
export const forgotPasswordRoutes: Routes = [
  {
    path: '',
    title: 'Forgot your password? · Foyer',
    loadComponent: () =>
      import('../password/forgot-password-page').then(
        (m) => m.ForgotPasswordPage,
      ),
  },
];

export const resetPasswordRoutes: Routes = [
  {
    path: '',
    title: 'Choose a new password · Foyer',
    data: { purpose: 'reset' },
    loadComponent: () =>
      import('../password/password-link-page').then((m) => m.PasswordLinkPage),
  },
];

export const setPasswordRoutes: Routes = [
  {
    path: '',
    title: 'Choose your password · Foyer',
    data: { purpose: 'set' },
    loadComponent: () =>
      import('../password/password-link-page').then((m) => m.PasswordLinkPage),
  },
];

export const acceptInvitationRoutes: Routes = [
  {
    path: '',
    title: 'Join a venue · Foyer',
    loadComponent: () =>
      import('../invitation/accept-invitation-page').then(
        (m) => m.AcceptInvitationPage,
      ),
  },
];
