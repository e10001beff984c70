import { Inject, Injectable } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { APP_CONFIG, AppConfig, KeyRing } from '@foyer/api/platform/config';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { KeyObject, createSecretKey, randomUUID } from 'node:crypto';
import { ACCESS_TTL_SECONDS, REFRESH_TTL_SECONDS } from './cookies';

export const ISSUER = 'foyer';
export const ACCESS_AUDIENCE = 'foyer:staff';
export const REFRESH_AUDIENCE = 'foyer:refresh';

export interface AccessClaims {
  sub: string;
  tid: string;
  role: Role;
  sid: string;
  iat: number;
  exp: number;
  jti: string;
}

export interface RefreshClaims {
  sub: string;
  tid: string;
  sid: string;
  iat: number;
  exp: number;
  jti: string;
}

/**
 * Secrets as KeyObjects, made once per secret: handed a string, jsonwebtoken first tries
 * to parse it as a PEM public key on every call, which costs more than the HMAC itself.
 */
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

function keyFor(ring: KeyRing, token: string): KeyObject | undefined {
  if (token.length > 4096) {
    return undefined;
  }
  const decoded = jwt.decode(token, { complete: true });
  if (
    !decoded ||
    typeof decoded.payload === 'string' ||
    decoded.header.alg !== 'HS256' ||
    !decoded.header.kid
  ) {
    return undefined;
  }
  const secret = ring.keys.get(decoded.header.kid);
  return secret === undefined ? undefined : secretKey(secret);
}

export const REQUIRED_CLAIMS = [
  'sub',
  'tid',
  'sid',
  'jti',
  'iat',
  'exp',
] as const;

/**
 * HS256 only, issuer and audience pinned, `kid` chosen from the key ring (the first key
 * signs, every listed key verifies). Access and refresh tokens use different rings and
 * audiences, so one can never stand in for the other.
 */
@Injectable()
export class AuthTokens {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  signAccess(claims: {
    sub: string;
    tid: string;
    role: Role;
    sid: string;
  }): string {
    return this.sign(
      this.config.JWT_ACCESS_SECRET,
      ACCESS_AUDIENCE,
      ACCESS_TTL_SECONDS,
      claims,
    );
  }

  signRefresh(claims: { sub: string; tid: string; sid: string }): string {
    return this.sign(
      this.config.JWT_REFRESH_SECRET,
      REFRESH_AUDIENCE,
      REFRESH_TTL_SECONDS,
      claims,
    );
  }

  /** The claims, or null for anything not issued by us for this purpose and still valid. */
  verifyAccess(token: string): AccessClaims | null {
    const claims = this.verify(
      this.config.JWT_ACCESS_SECRET,
      ACCESS_AUDIENCE,
      token,
    );
    return claims && typeof claims['role'] === 'string'
      ? (claims as unknown as AccessClaims)
      : null;
  }

  verifyRefresh(token: string): RefreshClaims | null {
    return this.verify(
      this.config.JWT_REFRESH_SECRET,
      REFRESH_AUDIENCE,
      token,
    ) as RefreshClaims | null;
  }

  private sign(
    ring: KeyRing,
    audience: string,
    ttl: number,
    claims: object,
  ): string {
    return jwt.sign(claims, secretKey(ring.current.secret), {
      algorithm: 'HS256',
      keyid: ring.current.kid,
      issuer: ISSUER,
      audience,
      expiresIn: ttl,
      jwtid: randomUUID(),
    });
  }

  /** The access key a token names by `kid`, if it is an HS256 token of ours at all. */
  accessKeyFor(token: string): KeyObject | undefined {
    return keyFor(this.config.JWT_ACCESS_SECRET, token);
  }

  private verify(
    ring: KeyRing,
    audience: string,
    token: string,
  ): JwtPayload | null {
    const secret = keyFor(ring, token);
    if (!secret) {
      return null;
    }
    try {
      const payload = jwt.verify(token, secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
      });
      if (typeof payload === 'string') {
        return null;
      }
      for (const claim of REQUIRED_CLAIMS) {
        if (payload[claim] === undefined) {
          return null;
        }
      }
      return payload;
    } catch {
      return null;
    }
  }
}
