import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { permissionsFor } from '@foyer/api/rbac';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { cookieNames } from './cookies';
import { StaffPrincipal } from './principal';
import { Sessions, isCurrent } from './sessions.service';
import {
  ACCESS_AUDIENCE,
  AccessClaims,
  AuthTokens,
  ISSUER,
  REQUIRED_CLAIMS,
} from './auth-tokens.service';

export const ACCESS_STRATEGY = 'foyer-access';

/**
 * passport-jwt verifies the access token (HS256 only, issuer and audience pinned, key by
 * `kid` from the ring; the bearer header wins over the cookie), then `validate` checks the
 * token's session: open, membership enabled, not started before the user's
 * `tokensValidAfter` (database timestamps, sub-second; see `isCurrent`). The role is the
 * membership's current one.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(
  Strategy,
  ACCESS_STRATEGY,
) {
  constructor(
    tokens: AuthTokens,
    private readonly sessions: Sessions,
    private readonly context: TenantContext,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const cookie = cookieNames(config.isProduction).access;
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        (req: Request) =>
          (req?.cookies?.[cookie] as string | undefined) ?? null,
      ]),
      secretOrKeyProvider: (
        _req: Request,
        rawJwt: string,
        done: (error: Error | null, secret?: string | Buffer) => void,
      ) => {
        const secret = tokens.accessKeyFor(rawJwt);
        // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject as is
        // (its typings predate KeyObject support).
        done(
          secret ? null : new Error('unknown key'),
          secret as KeyObject | undefined as unknown as Buffer | undefined,
        );
      },
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: ACCESS_AUDIENCE,
      passReqToCallback: true,
    });
    this.cookie = cookie;
  }

  private readonly cookie: string;

  async validate(
    req: Request,
    payload: Partial<AccessClaims>,
  ): Promise<StaffPrincipal | false> {
    if (
      REQUIRED_CLAIMS.some(
        (claim: (typeof REQUIRED_CLAIMS)[number]) =>
          payload[claim] === undefined,
      ) ||
      typeof payload.role !== 'string'
    ) {
      return false;
    }
    const claims = payload as AccessClaims;
    const state = await this.context.run(claims.tid, () =>
      this.sessions.state(claims.sid, claims.sub),
    );
    if (!state || !isCurrent(state)) {
      return false;
    }
    const hasCookie = Boolean(req.cookies?.[this.cookie]);
    return {
      sub: claims.sub,
      tid: claims.tid,
      sid: claims.sid,
      role: state.role,
      permissions: permissionsFor(state.role),
      // With an auth cookie present the request carries an ambient credential: CSRF applies.
      mode: req.headers.authorization && !hasCookie ? 'bearer' : 'cookie',
    };
  }
}
