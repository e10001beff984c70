import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ForgotPasswordRequest,
  SetPasswordRequest,
  SignedInSession,
  TokenRequest,
} from '@foyer/contracts';
import { injectApiUrl, parseItems, toApiError } from '@foyer/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';

/**
 * The account calls of `/api/auth` besides sign-in: the emailed-link ones (forgot and reset
 * password, set password, accept an invitation), which need no session, and the signed-in
 * user's sessions. Every failure rejects with an ApiError. `/api/auth/*` takes no
 * Idempotency-Key; the interceptor adds X-CSRF-Token to the session mutations.
 */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  /** 202 whether or not the address has an account. */
  async forgotPassword(email: string): Promise<void> {
    await this.send(
      this.http.post<unknown>(this.url('/api/auth/forgot-password'), {
        email,
      } satisfies ForgotPasswordRequest),
    );
  }

  /** With the token of a `/reset-password#t=…` link; 400 TOKEN_INVALID when spent or expired. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    await this.send(
      this.http.post<unknown>(this.url('/api/auth/reset-password'), {
        token,
        newPassword,
      } satisfies SetPasswordRequest),
    );
  }

  /** With the token of a `/set-password#t=…` link (a new account's invitation). */
  async setPassword(token: string, newPassword: string): Promise<void> {
    await this.send(
      this.http.post<unknown>(this.url('/api/auth/set-password'), {
        token,
        newPassword,
      } satisfies SetPasswordRequest),
    );
  }

  /** With the token of an `/accept-invitation#t=…` link (an existing account's invitation). */
  async acceptInvitation(token: string): Promise<void> {
    await this.send(
      this.http.post<unknown>(this.url('/api/auth/accept-invitation'), {
        token,
      } satisfies TokenRequest),
    );
  }

  /**
   * The user's open sessions in every tenant. A body without an `items` list is refused:
   * an empty list would wrongly say no device is signed in.
   */
  async sessions(): Promise<SignedInSession[]> {
    return parseItems(
      SignedInSession,
      await this.send(this.http.get<unknown>(this.url('/api/auth/sessions'))),
      'sessions',
    );
  }

  /** Signs one session out; 404 when it had already ended. */
  async revokeSession(id: string): Promise<void> {
    await this.send(
      this.http.delete<unknown>(
        this.url(`/api/auth/sessions/${encodeURIComponent(id)}`),
      ),
    );
  }

  private async send<T>(request: Observable<T>): Promise<T> {
    try {
      return await firstValueFrom(request);
    } catch (error) {
      throw toApiError(error);
    }
  }
}
