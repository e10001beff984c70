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
import { AuthTokens } from './tokens';

@Module({
  imports: [AuditModule, RbacModule],
  controllers: [AuthController, AccountController],
  providers: [
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
    Lockout,
    LoginService,
    AuthenticationGuard,
    CsrfGuard,
    RbacModule,
  ],
})
export class AuthModule {}
