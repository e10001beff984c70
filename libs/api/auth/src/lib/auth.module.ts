import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { RbacModule } from '@foyer/api/rbac';
import { AccessTokenStrategy } from './access-token.strategy';
import { AccountController } from './account.controller';
import { AuthController } from './auth.controller';
import { AuthenticationGuard, CsrfGuard } from './auth.guard';
import { CsrfTokens } from './csrf';
import { Lockout } from './lockout';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher';
import { Sessions } from './sessions';
import { PasswordsService } from './passwords.service';
import { InvitationTokens } from './invitation-tokens';
import { PasswordReset } from './password-reset';
import { StaffAccounts } from './staff-accounts';
import { SessionFlows } from './session-flows.service';
import { StaffDirectory } from './staff-directory.service';
import { MembershipRepository } from './membership.repository';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordTokenRepository } from './password-token.repository';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';
import { AuthTokens } from './tokens';

@Module({
  imports: [AuditModule, RbacModule],
  controllers: [AuthController, AccountController],
  providers: [
    UserRepository,
    MembershipRepository,
    SessionRepository,
    RefreshTokenRepository,
    PasswordTokenRepository,
    PasswordResetRepository,
    StaffDirectory,
    SessionFlows,
    AccessTokenStrategy,
    AuthTokens,
    PasswordHasher,
    Sessions,
    StaffAccounts,
    PasswordsService,
    InvitationTokens,
    PasswordReset,
    Lockout,
    LoginService,
    CsrfTokens,
    AuthenticationGuard,
    CsrfGuard,
  ],
  exports: [
    AuthTokens,
    PasswordHasher,
    Sessions,
    StaffAccounts,
    StaffDirectory,
    Lockout,
    LoginService,
    AuthenticationGuard,
    CsrfGuard,
    RbacModule,
  ],
})
export class AuthModule {}
