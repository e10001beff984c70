import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorCode, Permission, Role } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  OwnTenantContext,
  Public,
  RateLimit,
  TenantContext,
  requestIdOf,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { permissionsFor } from '@foyer/api/rbac';
import type { Request, Response } from 'express';
import { CheckOrigin } from './auth.guard';
import { clearAuthCookies, cookieNames, setAuthCookies } from './cookies';
import { CsrfTokens } from './csrf';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { LoginService, Membership } from './login.service';
import { principalOf, requirePrincipal } from './principal';
import { ChangePasswordDto, SwitchTenantDto } from './dto/password.dto';
import { PasswordsService } from './passwords.service';
import { IssuedTokens, Sessions, deviceOf } from './sessions';
import { AuthTokens } from './tokens';

export interface SessionView {
  user: { id: string; email: string; displayName: string };
  tenant: { id: string; slug: string; name: string };
  role: Role;
  permissions: readonly Permission[];
  memberships: { tenantId: string; slug: string; name: string; role: Role }[];
  csrfToken?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const bearerMode = (req: Request) =>
  String(req.headers['x-auth-mode'] ?? '').toLowerCase() === 'bearer';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly login$: LoginService,
    private readonly sessions: Sessions,
    private readonly tokens: AuthTokens,
    private readonly csrf: CsrfTokens,
    private readonly context: TenantContext,
    private readonly audit: AuditLog,
    private readonly passwords: PasswordsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('csrf')
  @Public()
  csrfToken(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): { csrfToken: string } {
    const access = req.cookies?.[
      cookieNames(this.config.isProduction).access
    ] as string | undefined;
    const claims = access ? this.tokens.verifyAccess(access) : null;
    return { csrfToken: this.csrf.issue(req, res, claims?.sid ?? '') };
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @CheckOrigin()
  @RateLimit('login')
  @ApiOkResponse({
    description:
      'The session and cookies, or with `X-Auth-Mode: bearer` a token pair',
  })
  @ApiUnauthorizedResponse({
    description:
      '`INVALID_CREDENTIALS`: wrong email or password (the same for unknown emails)',
  })
  @ApiTooManyRequestsResponse({
    description:
      '`ACCOUNT_LOCKED` (five wrong passwords for the account within 15 min, at login or password change; `Retry-After`) or `RATE_LIMITED`',
  })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView | TokenPair> {
    const result = await this.login$.login(body, req, requestIdOf(req));
    return this.answer(
      req,
      res,
      result.tokens,
      result.userId,
      result.membership,
      result.memberships,
    );
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  async refresh(
    @Body() body: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView | TokenPair> {
    const fromCookie = req.cookies?.[
      cookieNames(this.config.isProduction).refresh
    ] as string | undefined;
    const token = body?.refreshToken ?? fromCookie;
    const claims = token ? this.tokens.verifyRefresh(token) : null;
    if (!token || !claims) {
      throw new DomainError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'Sign in to continue.',
      );
    }
    const outcome = await this.context.run(claims.tid, async () => {
      const result = await this.sessions.rotate(
        token,
        claims.sid,
        claims.sub,
        deviceOf(req),
      );
      // Audited once, by the presentation that ended the session: a burst of copies
      // of one stolen token does not flood the log.
      if (result.kind === 'reused' && result.ended) {
        await this.audit.record({
          action: 'auth.refresh_reused',
          actorId: claims.sub,
          targetType: 'session',
          targetId: claims.sid,
          requestId: requestIdOf(req),
        });
      }
      return result;
    });
    if (outcome.kind === 'reused') {
      clearAuthCookies(res, this.config.isProduction);
      throw new DomainError(
        401,
        ErrorCode.REFRESH_REUSED,
        'This sign-in was used elsewhere; sign in again.',
      );
    }
    if (outcome.kind === 'invalid') {
      throw new DomainError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'Sign in to continue.',
      );
    }
    const { membership, memberships } = await this.currentMembership(
      claims.sub,
      claims.tid,
    );
    const asCookies = !body?.refreshToken;
    return this.answer(
      req,
      res,
      outcome.tokens,
      claims.sub,
      membership,
      memberships,
      asCookies ? 'cookie' : 'bearer',
    );
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'This session revoked (its `/staff` sockets closed on every instance), cookies cleared',
  })
  async logout(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const principal = principalOf(req);
    if (principal) {
      await this.sessions.revoke(principal.sid, 'logout');
      await this.audit.record({
        action: 'auth.logout',
        actorId: principal.sub,
        targetType: 'session',
        targetId: principal.sid,
        requestId: requestIdOf(req),
      });
    }
    clearAuthCookies(res, this.config.isProduction);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      "Every session of the user revoked in every tenant, not only this one's (their `/staff` sockets closed); tokens of sessions started before now are refused",
  })
  async logoutAll(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const principal = principalOf(req);
    if (principal) {
      // Every tenant's sessions, not only this one's: the user is one person everywhere.
      const revoked = await this.sessions.revokeEverywhere(
        principal.sub,
        'logout_all',
      );
      await this.audit.record({
        action: 'auth.logout_all',
        actorId: principal.sub,
        targetType: 'user',
        targetId: principal.sub,
        metadata: {
          sessions: revoked.length,
          tenants: new Set(revoked.map((s) => s.tenantId)).size,
        },
        requestId: requestIdOf(req),
      });
    }
    clearAuthCookies(res, this.config.isProduction);
  }

  @Post('switch-tenant')
  @HttpCode(200)
  @OwnTenantContext()
  async switchTenant(
    @Body() body: SwitchTenantDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView | TokenPair> {
    const principal = requirePrincipal(req);
    const memberships = await this.login$.membershipsOf(principal.sub);
    const target = memberships.find((m) => m.tenantId === body.tenantId);
    if (!target) {
      throw new DomainError(
        403,
        ErrorCode.FORBIDDEN,
        'You are not a member of that venue.',
      );
    }
    // The session being left must still be open: one ended meanwhile (logout-all in a
    // concurrent request) cannot be traded for a new one.
    const left = await this.context.run(principal.tid, () =>
      this.sessions.revoke(principal.sid, 'switched_tenant'),
    );
    if (!left) {
      throw new DomainError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'Sign in to continue.',
      );
    }
    const tokens = await this.context.run(target.tenantId, async () => {
      const issued = await this.sessions.start(
        principal.sub,
        target.role,
        deviceOf(req),
      );
      await this.audit.record({
        action: 'auth.tenant_switched',
        actorId: principal.sub,
        targetType: 'session',
        targetId: issued.sessionId,
        requestId: requestIdOf(req),
      });
      return issued;
    });
    return this.answer(
      req,
      res,
      tokens,
      principal.sub,
      target,
      memberships,
      principal.mode,
    );
  }

  @Post('password')
  @HttpCode(200)
  // A password check: the login bucket per IP, besides the account lockout.
  @RateLimit('login')
  @ApiOkResponse({
    description:
      "As login, in the caller's mode. Every other session of the user, in every tenant, is revoked (and its `/staff` sockets closed); only the tokens in this response remain",
  })
  @ApiBadRequestResponse({
    description:
      '`VALIDATION_FAILED`: the current password is not correct (counts towards the lockout) or the new one is too weak',
  })
  @ApiTooManyRequestsResponse({
    description:
      '`ACCOUNT_LOCKED` (five wrong passwords for the account within 15 min, at login or here; `Retry-After`) or `RATE_LIMITED` (login bucket)',
  })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView | TokenPair> {
    const principal = requirePrincipal(req);
    await this.passwords.change(
      principal.sub,
      body.currentPassword,
      body.newPassword,
      requestIdOf(req),
      req,
    );
    const { membership, memberships } = await this.currentMembership(
      principal.sub,
      principal.tid,
    );
    const tokens = await this.sessions.start(
      principal.sub,
      membership.role,
      deviceOf(req),
    );
    return this.answer(
      req,
      res,
      tokens,
      principal.sub,
      membership,
      memberships,
      principal.mode,
    );
  }

  @Get('me')
  async me(@Req() req: Request): Promise<SessionView> {
    const principal = requirePrincipal(req);
    const { membership, memberships } = await this.currentMembership(
      principal.sub,
      principal.tid,
    );
    return this.view(principal.sub, membership, memberships);
  }

  /** The user's membership of the tenant a credential names; gone means signed out. */
  private async currentMembership(
    userId: string,
    tenantId: string,
  ): Promise<{ membership: Membership; memberships: Membership[] }> {
    const memberships = await this.login$.membershipsOf(userId);
    const membership = memberships.find((m) => m.tenantId === tenantId);
    if (!membership) {
      throw new DomainError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'Sign in to continue.',
      );
    }
    return { membership, memberships };
  }

  private async answer(
    req: Request,
    res: Response,
    tokens: IssuedTokens,
    userId: string,
    membership: Membership,
    memberships: Membership[],
    mode: 'cookie' | 'bearer' = bearerMode(req) ? 'bearer' : 'cookie',
  ): Promise<SessionView | TokenPair> {
    if (mode === 'bearer') {
      return {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresIn: tokens.expiresIn,
      };
    }
    setAuthCookies(res, this.config.isProduction, tokens);
    const view = await this.context.run(membership.tenantId, () =>
      this.view(userId, membership, memberships),
    );
    return { ...view, csrfToken: this.csrf.issue(req, res, tokens.sessionId) };
  }

  private async view(
    userId: string,
    membership: Membership,
    memberships: Membership[],
  ): Promise<SessionView> {
    const rows: { id: string; email: string; display_name: string }[] =
      await this.context.run(membership.tenantId, (m) =>
        m.query('SELECT id, email, display_name FROM app_user WHERE id = $1', [
          userId,
        ]),
      );
    const user = rows[0];
    return {
      user: { id: user.id, email: user.email, displayName: user.display_name },
      tenant: {
        id: membership.tenantId,
        slug: membership.slug,
        name: membership.name,
      },
      role: membership.role,
      permissions: permissionsFor(membership.role),
      memberships: memberships.map((m) => ({
        tenantId: m.tenantId,
        slug: m.slug,
        name: m.name,
        role: m.role,
      })),
    };
  }
}
