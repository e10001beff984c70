import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { CsrfToken, Permission, Role, SessionView } from '@foyer/contracts';
import {
  Observable,
  catchError,
  finalize,
  firstValueFrom,
  map,
  of,
  shareReplay,
} from 'rxjs';
import { injectApiUrl } from '../config/api-url';
import { ApiError, toApiError } from '../http/api-error';
import { REDIRECT_TO_LOGIN } from '../http/http-context';
import { parseBody } from '../http/response-body';
import {
  AuthSession,
  Membership,
  StaffUser,
  TenantSummary,
  membershipsOf,
} from './session.models';

/** Calls the store makes itself handle 401 themselves; the interceptor must not redirect. */
const NO_REDIRECT = () => new HttpContext().set(REDIRECT_TO_LOGIN, false);

const sessionOf = (body: unknown) =>
  parseBody(SessionView, body, 'sign-in response');

/** The CSRF token a body carries (`GET /api/auth/csrf`, a rotating refresh), or null. */
function csrfTokenOf(body: unknown): string | null {
  const parsed = CsrfToken.safeParse(body);
  return parsed.success ? parsed.data.csrfToken : null;
}

/**
 * The signed-in staff session, held in memory only. Cookies carry the credentials
 * (httpOnly, invisible here); this store keeps what the UI needs and the CSRF token the
 * API returned in a body, which is never read from `document.cookie`.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  private readonly session = signal<AuthSession | null>(null);
  private readonly membershipList = signal<readonly Membership[]>([]);
  private readonly csrf = signal<string | null>(null);
  private loadingMe: Promise<boolean> | null = null;
  private csrfInFlight: Observable<string | null> | null = null;
  private refreshInFlight: Observable<boolean> | null = null;

  readonly user = computed<StaffUser | null>(
    () => this.session()?.user ?? null,
  );
  readonly tenant = computed<TenantSummary | null>(
    () => this.session()?.tenant ?? null,
  );
  readonly role = computed<Role | null>(() => this.session()?.role ?? null);
  readonly permissions = computed<readonly Permission[]>(
    () => this.session()?.permissions ?? [],
  );
  readonly memberships = this.membershipList.asReadonly();
  readonly csrfToken = this.csrf.asReadonly();
  readonly isAuthenticated = computed(() => this.session() !== null);
  private readonly permissionSet = computed(() => new Set(this.permissions()));

  /** Whether the current role in the current tenant grants `permission`. Reactive. */
  can(permission: Permission): boolean {
    return this.permissionSet().has(permission);
  }

  /** Throws ApiError (e.g. INVALID_CREDENTIALS, ACCOUNT_LOCKED, RATE_LIMITED). */
  async login(
    email: string,
    password: string,
    tenantSlug?: string,
  ): Promise<void> {
    const slug = tenantSlug?.trim();
    const body = {
      email: email.trim(),
      password,
      ...(slug ? { tenantSlug: slug } : {}),
    };
    const auth = sessionOf(
      await this.call(
        this.http.post<unknown>(this.url('/api/auth/login'), body),
      ),
    );
    this.apply(auth, []);
    if (auth.memberships.length === 0) {
      // The venue switcher needs the memberships an empty answer did not list.
      await this.loadMe().catch(() => false);
    }
  }

  /**
   * Loads `GET /api/auth/me`. Resolves false when there is no session (401 after the
   * interceptor's one silent refresh); other failures reject with ApiError.
   */
  async loadMe(): Promise<boolean> {
    let raw: unknown;
    try {
      raw = await this.call(
        this.http.get<unknown>(this.url('/api/auth/me'), {
          context: NO_REDIRECT(),
        }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.clear();
        return false;
      }
      throw error;
    }
    this.apply(sessionOf(raw), []);
    if (this.csrf() === null) {
      await firstValueFrom(this.ensureCsrfToken());
    }
    return true;
  }

  /** Loads the session once if it is not known yet; concurrent callers share one request. */
  ensureLoaded(): Promise<boolean> {
    if (this.isAuthenticated()) {
      return Promise.resolve(true);
    }
    this.loadingMe ??= this.loadMe().finally(() => {
      this.loadingMe = null;
    });
    return this.loadingMe;
  }

  async switchTenant(tenantId: string): Promise<void> {
    const raw = await this.call(
      this.http.post<unknown>(this.url('/api/auth/switch-tenant'), {
        tenantId,
      }),
    );
    this.apply(sessionOf(raw), this.membershipList());
  }

  /** The API revokes every other session and the old tokens, and answers as login. */
  async changePassword(
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const raw = await this.call(
      this.http.post<unknown>(this.url('/api/auth/password'), {
        currentPassword,
        newPassword,
      }),
    );
    this.apply(sessionOf(raw), this.membershipList());
  }

  /** Ends this session. The local state is cleared even when the API cannot be reached. */
  async logout(): Promise<void> {
    await this.endSession('/api/auth/logout');
  }

  /** Ends every session of this user, on every device. */
  async logoutAll(): Promise<void> {
    await this.endSession('/api/auth/logout-all');
  }

  /** Forgets the session locally (the interceptor calls this when refresh fails). */
  clear(): void {
    this.session.set(null);
    this.membershipList.set([]);
    this.csrf.set(null);
  }

  /**
   * The held CSRF token, or a fresh one from `GET /api/auth/csrf`. Emits null when none
   * can be had: the mutation then goes out without one and the API answers 403.
   */
  ensureCsrfToken(): Observable<string | null> {
    const held = this.csrf();
    if (held !== null) {
      return of(held);
    }
    this.csrfInFlight ??= this.http
      .get<unknown>(this.url('/api/auth/csrf'), { context: NO_REDIRECT() })
      .pipe(
        map((body) => {
          const token = csrfTokenOf(body);
          if (token !== null) {
            this.csrf.set(token);
          }
          return token;
        }),
        catchError(() => of(null)),
        finalize(() => {
          this.csrfInFlight = null;
        }),
        shareReplay(1),
      );
    return this.csrfInFlight;
  }

  /**
   * One silent `POST /api/auth/refresh` shared by every call that got a 401 meanwhile.
   * Emits whether the session was renewed.
   */
  refresh(): Observable<boolean> {
    this.refreshInFlight ??= this.http
      .post<unknown>(
        this.url('/api/auth/refresh'),
        {},
        { context: NO_REDIRECT() },
      )
      .pipe(
        map((body) => {
          this.applyRefresh(body);
          return true;
        }),
        catchError(() => of(false)),
        finalize(() => {
          this.refreshInFlight = null;
        }),
        shareReplay(1),
      );
    return this.refreshInFlight;
  }

  private applyRefresh(body: unknown): void {
    const session = SessionView.safeParse(body);
    if (session.success) {
      this.apply(session.data, this.membershipList());
      return;
    }
    // A refresh may answer with only a (rotated) CSRF token, or nothing.
    const token = csrfTokenOf(body);
    if (token !== null) {
      this.csrf.set(token);
    }
  }

  /**
   * Takes a session answer. Memberships come from the answer when it lists them, else
   * `fallback`; the current tenant is always among them.
   */
  private apply(auth: SessionView, fallback: readonly Membership[]): void {
    const answered = membershipsOf(auth);
    const listed = answered.length > 0 ? answered : fallback;
    const memberships = listed.some((m) => m.tenant.id === auth.tenant.id)
      ? listed
      : [{ tenant: auth.tenant, role: auth.role }, ...listed];
    this.session.set({
      user: auth.user,
      tenant: auth.tenant,
      role: auth.role,
      permissions: auth.permissions,
    });
    this.membershipList.set(memberships);
    if (auth.csrfToken !== undefined) {
      this.csrf.set(auth.csrfToken);
    }
  }

  private async endSession(path: string): Promise<void> {
    try {
      await this.call(
        this.http.post<unknown>(this.url(path), {}, { context: NO_REDIRECT() }),
      );
    } finally {
      this.clear();
    }
  }

  private async call<T>(request: Observable<T>): Promise<T> {
    try {
      return await firstValueFrom(request);
    } catch (error) {
      throw toApiError(error);
    }
  }
}
