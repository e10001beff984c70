import { Injectable } from '@nestjs/common';
import { ErrorCode, SessionView } from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError } from '@foyer/api/platform/errors';
import { AuditLog } from '@foyer/api/audit';
import { permissionsFor } from '@foyer/api/rbac';
import { LoginService, Membership } from './login.service';
import { PasswordsService } from './passwords.service';
import { StaffPrincipal } from './principal';
import { IssuedTokens, SessionDevice, Sessions } from './sessions.service';
import { StaffDirectory } from './staff-directory.service';
import { RefreshClaims } from './auth-tokens.service';

/** A session's new tokens with the membership they are for and the user's others. */
export interface SignedIn {
  tokens: IssuedTokens;
  userId: string;
  membership: Membership;
  memberships: Membership[];
}

export type RefreshResult =
  | ({ kind: 'rotated' } & SignedIn)
  /** A spent token presented again: the session is ended (and audited once). */
  | { kind: 'reused' }
  | { kind: 'invalid' };

const signInAgain = () =>
  new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');

/**
 * What the auth endpoints do with sessions once a request is validated: refresh, logout,
 * switching tenants, a password change, and the view of the signed-in user. Each runs in
 * the tenant transaction(s) it needs; the controller maps the results to HTTP.
 */
@Injectable()
export class SessionFlows {
  constructor(
    private readonly context: TenantContext,
    private readonly login: LoginService,
    private readonly sessions: Sessions,
    private readonly passwords: PasswordsService,
    private readonly staff: StaffDirectory,
    private readonly audit: AuditLog,
  ) {}

  /** Rotates a verified refresh token in its session's tenant. */
  async refresh(
    token: string,
    claims: RefreshClaims,
    device: SessionDevice,
    requestId: string,
  ): Promise<RefreshResult> {
    const outcome = await this.context.run(claims.tid, async () => {
      const result = await this.sessions.rotate(
        token,
        claims.sid,
        claims.sub,
        device,
      );
      // Audited once, by the presentation that ended the session: a burst of copies
      // of one stolen token does not flood the log.
      if (result.kind === 'reused' && result.ended) {
        await this.audit.record({
          action: 'auth.refresh_reused',
          actorId: claims.sub,
          targetType: 'session',
          targetId: claims.sid,
          requestId,
        });
      }
      return result;
    });
    if (outcome.kind !== 'rotated') {
      return { kind: outcome.kind };
    }
    const { membership, memberships } = await this.currentMembership(
      claims.sub,
      claims.tid,
    );
    return {
      kind: 'rotated',
      tokens: outcome.tokens,
      userId: claims.sub,
      membership,
      memberships,
    };
  }

  /** Ends this session (inside the request's tenant transaction). */
  async logout(principal: StaffPrincipal, requestId: string): Promise<void> {
    await this.sessions.revoke(principal.sid, 'logout');
    await this.audit.record({
      action: 'auth.logout',
      actorId: principal.sub,
      targetType: 'session',
      targetId: principal.sid,
      requestId,
    });
  }

  /** Ends every session of the user in every tenant: the user is one person everywhere. */
  async logoutAll(principal: StaffPrincipal, requestId: string): Promise<void> {
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
      requestId,
    });
  }

  /** Trades the open session for one in another tenant the user belongs to. */
  async switchTenant(
    principal: StaffPrincipal,
    tenantId: string,
    device: SessionDevice,
    requestId: string,
  ): Promise<SignedIn> {
    const memberships = await this.login.membershipsOf(principal.sub);
    const target = memberships.find((m) => m.tenantId === tenantId);
    if (!target) {
      throw new DomainError(
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
      throw signInAgain();
    }
    const tokens = await this.context.run(target.tenantId, async () => {
      const issued = await this.sessions.start(
        principal.sub,
        target.role,
        device,
      );
      await this.audit.record({
        action: 'auth.tenant_switched',
        actorId: principal.sub,
        targetType: 'session',
        targetId: issued.sessionId,
        requestId,
      });
      return issued;
    });
    return { tokens, userId: principal.sub, membership: target, memberships };
  }

  /**
   * Changes the password (every session of the user ends, in every tenant) and starts
   * the one session that remains, inside the request's tenant transaction.
   */
  async changePassword(
    principal: StaffPrincipal,
    current: string,
    next: string,
    req: object,
    device: SessionDevice,
    requestId: string,
  ): Promise<SignedIn> {
    await this.passwords.change(principal.sub, current, next, requestId, req);
    const { membership, memberships } = await this.currentMembership(
      principal.sub,
      principal.tid,
    );
    const tokens = await this.sessions.start(
      principal.sub,
      membership.role,
      device,
    );
    return { tokens, userId: principal.sub, membership, memberships };
  }

  /**
   * Ends one of the user's own open sessions, in whichever tenant, and audits it here;
   * false when the user has no such open session.
   */
  async endOwnSession(
    principal: StaffPrincipal,
    sessionId: string,
    requestId: string,
  ): Promise<boolean> {
    const tenantId = await this.sessions.revokeOwn(
      principal.sub,
      sessionId,
      'ended_by_user',
    );
    if (!tenantId) {
      return false;
    }
    await this.audit.record({
      action: 'auth.session_ended',
      actorId: principal.sub,
      targetType: 'session',
      targetId: sessionId,
      metadata: { elsewhere: tenantId !== principal.tid },
      requestId,
    });
    return true;
  }

  /** The signed-in user as GET /me shows them. */
  async me(principal: StaffPrincipal): Promise<SessionView> {
    const { membership, memberships } = await this.currentMembership(
      principal.sub,
      principal.tid,
    );
    return this.view(principal.sub, membership, memberships);
  }

  /** The user, the tenant of `membership` and every membership, read in that tenant. */
  async view(
    userId: string,
    membership: Membership,
    memberships: Membership[],
  ): Promise<SessionView> {
    const user = await this.context.run(membership.tenantId, () =>
      this.staff.profile(userId),
    );
    if (!user) {
      throw new Error('a signed-in member has an account');
    }
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName },
      tenant: {
        id: membership.tenantId,
        slug: membership.slug,
        name: membership.name,
      },
      role: membership.role,
      permissions: [...permissionsFor(membership.role)],
      memberships: memberships.map((m) => ({
        tenantId: m.tenantId,
        slug: m.slug,
        name: m.name,
        role: m.role,
      })),
    };
  }

  /** The user's membership of the tenant a credential names; gone means signed out. */
  private async currentMembership(
    userId: string,
    tenantId: string,
  ): Promise<{ membership: Membership; memberships: Membership[] }> {
    const memberships = await this.login.membershipsOf(userId);
    const membership = memberships.find((m) => m.tenantId === tenantId);
    if (!membership) {
      throw signInAgain();
    }
    return { membership, memberships };
  }
}
