import { Module } from '@nestjs/common';
import { AuditLogModule } from '@foyer/api/audit';
import { AppConfigModule } from '@foyer/api/platform/config';
import { CryptoModule } from '@foyer/api/platform/crypto';
import { DatabaseModule } from '@foyer/api/platform/database';
import { LoggingModule } from '@foyer/api/platform/logging';
import { OutboxModule } from '@foyer/api/platform/outbox';
import { RedisModule } from '@foyer/api/platform/redis';
import { RbacModule } from '@foyer/api/rbac';
import { AccessTokenStrategy } from './access-token.strategy';
import { AccountController } from './account.controller';
import { AuthController } from './auth.controller';
import { AuthenticationGuard } from './authentication.guard';
import { CsrfGuard } from './csrf.guard';
import { CsrfTokens } from './csrf-tokens.service';
import { Lockout } from './lockout.service';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher.service';
import { Sessions } from './sessions.service';
import { PasswordsService } from './passwords.service';
import { InvitationTokens } from './invitation-tokens.service';
import { PasswordReset } from './password-reset.service';
import { StaffAccounts } from './staff-accounts.service';
import { SessionFlows } from './session-flows.service';
import { StaffDirectory } from './staff-directory.service';
import { MembershipRepository } from './membership.repository';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordTokenRepository } from './password-token.repository';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';
import { AuthTokens } from './auth-tokens.service';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    CryptoModule,
    OutboxModule,
    LoggingModule,
    RedisModule,
    AuditLogModule,
    RbacModule,
  ],
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
