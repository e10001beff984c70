import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInSessions } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { notFound } from '@foyer/api/platform/errors';
import {
  Public,
  RateLimit,
  requestIdOf,
  uuidParam,
} from '@foyer/api/platform/http';
import type { Request, Response } from 'express';
import { CheckOrigin } from './csrf.guard';
import { clearAuthCookies } from './cookies';
import {
  AcceptInvitationDto,
  ForgotPasswordDto,
  ResetPasswordDto,
  SetPasswordDto,
} from './dto/password.dto';
import { InvitationTokens } from './invitation-tokens.service';
import { PasswordReset } from './password-reset.service';
import { requirePrincipal } from './principal';
import { SessionFlows } from './session-flows.service';
import { Sessions } from './sessions.service';

const sessionId = uuidParam('You have no open session with this id.');

/** What forgot-password always answers, account or not. */
export const RESET_REQUESTED = {
  message:
    'If there is a Foyer account for this address, a link to choose a new password is on its way.',
} as const;

/**
 * The account outside a sign-in (first password, invitation, forgot password) and the
 * signed-in user's own sessions in every tenant.
 */
@ApiTags('auth')
@Controller('api/auth')
export class AccountController {
  constructor(
    private readonly invitations: InvitationTokens,
    private readonly reset: PasswordReset,
    private readonly sessions: Sessions,
    private readonly flows: SessionFlows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('set-password')
  @HttpCode(204)
  @Public()
  @CheckOrigin()
  @RateLimit('login')
  @ApiNoContentResponse({
    description:
      'The first password is set from an invitation token (72 h, once); the membership it came with becomes active',
  })
  @ApiBadRequestResponse({
    description:
      '`TOKEN_INVALID` (spent, expired, unknown or withdrawn) or `VALIDATION_FAILED` (too weak)',
  })
  async setPassword(
    @Body() body: SetPasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.invitations.setPassword(
      body.token,
      body.newPassword,
      requestIdOf(req),
    );
  }

  @Post('accept-invitation')
  @HttpCode(204)
  @Public()
  @CheckOrigin()
  @RateLimit('login')
  @ApiNoContentResponse({
    description:
      'The invited membership of an existing account becomes active (it granted nothing before)',
  })
  @ApiBadRequestResponse({
    description: '`TOKEN_INVALID`: spent, expired, unknown or withdrawn',
  })
  async acceptInvitation(
    @Body() body: AcceptInvitationDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.invitations.accept(body.token, requestIdOf(req));
  }

  @Post('forgot-password')
  @HttpCode(202)
  @Public()
  @CheckOrigin()
  @RateLimit('login')
  @ApiAcceptedResponse({
    description:
      'Always, with the same body and the same work, whether or not the address has an account; an account is mailed a one-time reset link (30 min), at most 3 an hour',
  })
  async forgotPassword(
    @Body() body: ForgotPasswordDto,
    @Req() req: Request,
  ): Promise<typeof RESET_REQUESTED> {
    await this.reset.request(body.email, req);
    return RESET_REQUESTED;
  }

  @Post('reset-password')
  @HttpCode(204)
  @Public()
  @CheckOrigin()
  @RateLimit('login')
  @ApiNoContentResponse({
    description:
      'The password is set; every session of the user, in every tenant, ends (sockets closed) and the lockout clears',
  })
  @ApiBadRequestResponse({
    description:
      '`TOKEN_INVALID` (spent, expired or unknown) or `VALIDATION_FAILED` (too weak)',
  })
  async resetPassword(
    @Body() body: ResetPasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.reset.reset(body.token, body.newPassword, req, requestIdOf(req));
  }

  @Get('sessions')
  @RateLimit('staff')
  @ApiOkResponse({
    description:
      "The user's open sessions in every tenant, most recently used first; `current` marks the caller's",
  })
  async listSessions(@Req() req: Request): Promise<SignedInSessions> {
    const principal = requirePrincipal(req);
    const items = await this.sessions.listOwn(principal.sub);
    return {
      items: items.map((session) => ({
        ...session,
        current: session.id === principal.sid,
      })),
    };
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @RateLimit('staff')
  @ApiNoContentResponse({
    description:
      'That session of the user ended, in whichever tenant (its `/staff` sockets closed); ending the current one signs this client out',
  })
  @ApiNotFoundResponse({
    description: 'No open session of the user has this id',
  })
  async endSession(
    @Param('id', sessionId) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const principal = requirePrincipal(req);
    const ended = await this.flows.endOwnSession(
      principal,
      id,
      requestIdOf(req),
    );
    if (!ended) {
      throw notFound('You have no open session with this id.');
    }
    if (id === principal.sid) {
      clearAuthCookies(res, this.config.isProduction);
    }
  }
}
