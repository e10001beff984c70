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
import { CsrfToken, ErrorCode, SessionView } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { OwnTenantContext } from '@foyer/api/platform/database';
import { DomainError } from '@foyer/api/platform/errors';
import { Public, RateLimit, requestIdOf } from '@foyer/api/platform/http';
import type { Request, Response } from 'express';
import { CheckOrigin } from './csrf.guard';
import { clearAuthCookies, cookieNames, setAuthCookies } from './cookies';
import { CsrfTokens } from './csrf-tokens.service';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { LoginService } from './login.service';
import { principalOf, requirePrincipal } from './principal';
import { ChangePasswordDto, SwitchTenantDto } from './dto/password.dto';
import { SessionFlows, SignedIn } from './session-flows.service';
import { deviceOf } from './sessions.service';
import { AuthTokens } from './auth-tokens.service';

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
    private readonly flows: SessionFlows,
    private readonly tokens: AuthTokens,
    private readonly csrf: CsrfTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('csrf')
  @Public()
  csrfToken(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): CsrfToken {
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
    return this.answer(req, res, result);
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
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
    }
    const outcome = await this.flows.refresh(
      token,
      claims,
      deviceOf(req),
      requestIdOf(req),
    );
    if (outcome.kind === 'reused') {
      clearAuthCookies(res, this.config.isProduction);
      throw new DomainError(
        ErrorCode.REFRESH_REUSED,
        'This sign-in was used elsewhere; sign in again.',
      );
    }
    if (outcome.kind === 'invalid') {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
    }
    const asCookies = !body?.refreshToken;
    return this.answer(req, res, outcome, asCookies ? 'cookie' : 'bearer');
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
      await this.flows.logout(principal, requestIdOf(req));
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
      await this.flows.logoutAll(principal, requestIdOf(req));
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
    const signedIn = await this.flows.switchTenant(
      principal,
      body.tenantId,
      deviceOf(req),
      requestIdOf(req),
    );
    return this.answer(req, res, signedIn, principal.mode);
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
    const signedIn = await this.flows.changePassword(
      principal,
      body.currentPassword,
      body.newPassword,
      req,
      deviceOf(req),
      requestIdOf(req),
    );
    return this.answer(req, res, signedIn, principal.mode);
  }

  @Get('me')
  me(@Req() req: Request): Promise<SessionView> {
    return this.flows.me(requirePrincipal(req));
  }

  private async answer(
    req: Request,
    res: Response,
    signedIn: SignedIn,
    mode: 'cookie' | 'bearer' = bearerMode(req) ? 'bearer' : 'cookie',
  ): Promise<SessionView | TokenPair> {
    const { tokens } = signedIn;
    if (mode === 'bearer') {
      return {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresIn: tokens.expiresIn,
      };
    }
    setAuthCookies(res, this.config.isProduction, tokens);
    const view = await this.flows.view(
      signedIn.userId,
      signedIn.membership,
      signedIn.memberships,
    );
    return { ...view, csrfToken: this.csrf.issue(req, res, tokens.sessionId) };
  }
}
