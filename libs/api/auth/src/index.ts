export * from './lib/auth.module';
export { AuthenticationGuard } from './lib/authentication.guard';
export { CheckOrigin, CsrfGuard } from './lib/csrf.guard';
export { principalOf } from './lib/principal';
export type { StaffPrincipal } from './lib/principal';
export { Sessions, isCurrent } from './lib/sessions.service';
export { AuthTokens } from './lib/auth-tokens.service';
export { cookieNames } from './lib/cookies';
export { StaffAccounts } from './lib/staff-accounts.service';
export { StaffDirectory } from './lib/staff-directory.service';
export type {
  MemberStatus,
  Membership,
  StaffMember,
} from './lib/membership.mapper';
