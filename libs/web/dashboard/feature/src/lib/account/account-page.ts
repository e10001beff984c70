import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { ErrorCode } from '@foyer/contracts';
import { ApiError, SessionStore, toApiError } from '@foyer/web/data-access';
import { AccountApi, SignedInSession } from '@foyer/web/dashboard-data-access';
import {
  DataTable,
  DateTimePipe,
  ProblemMessage,
  StatusBadge,
  deviceTimeZone,
} from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';
import { deviceLabel } from './device-label';

/** This device first, then the most recently active. */
function byRecency(a: SignedInSession, b: SignedInSession): number {
  if (a.current !== b.current) {
    return a.current ? -1 : 1;
  }
  return b.lastUsedAt.localeCompare(a.lastUsedAt);
}

/**
 * `/staff/account`: who is signed in, a link to change the password, and every device the
 * user is signed in on (in any venue), each of which can be signed out; or all at once.
 */
@Component({
  selector: 'foyer-account-page',
  imports: [RouterLink, DataTable, DateTimePipe, ProblemMessage, StatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account-page.html',
  styleUrl: './account-page.css',
})
export class AccountPage {
  private readonly api = inject(AccountApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly user = this.session.user;
  private readonly list = signal<readonly SignedInSession[]>([]);
  protected readonly sessions = computed(() =>
    [...this.list()].sort(byRecency),
  );
  protected readonly loading = signal(false);
  protected readonly loadError = signal('');
  /** Polite: a device was signed out. */
  protected readonly status = signal('');
  /** Assertive, and focused: an action failed. */
  protected readonly failure = signal('');
  private readonly busyIds = signal<ReadonlySet<string>>(new Set());
  protected readonly endingAll = signal(false);

  protected readonly deviceLabel = deviceLabel;
  protected readonly timeZone = deviceTimeZone();
  protected readonly columns = [
    'Device',
    'Venue',
    'IP address',
    'Signed in',
    'Last active',
    { label: 'Actions', hidden: true },
  ];

  constructor() {
    void this.load();
  }

  /** Never rejects: failures land in `loadError()`. */
  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set('');
    try {
      this.list.set(await this.api.sessions());
    } catch (error) {
      this.loadError.set(describeApiError(toApiError(error)));
    } finally {
      this.loading.set(false);
    }
  }

  protected isBusy(id: string): boolean {
    return this.busyIds().has(id);
  }

  /** "Chrome on Linux at Teatro Nuevo", for the button's accessible name. */
  protected describe(session: SignedInSession): string {
    return `${deviceLabel(session.userAgent)} at ${session.tenant.name}`;
  }

  protected async signOut(session: SignedInSession): Promise<void> {
    if (this.isBusy(session.id) || session.current) {
      return;
    }
    this.status.set('');
    this.failure.set('');
    this.busyIds.update((ids) => new Set(ids).add(session.id));
    try {
      await this.api.revokeSession(session.id);
      this.forget(session);
      this.status.set(`${this.describe(session)} is signed out.`);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === ErrorCode.NOT_FOUND) {
        // It had ended already (expired, or signed out elsewhere): the list was stale.
        this.forget(session);
        this.status.set(`${this.describe(session)} was already signed out.`);
      } else {
        this.fail(
          `Could not sign out ${this.describe(session)}. ${describeApiError(apiError)}`,
        );
      }
    } finally {
      this.busyIds.update((ids) => {
        const next = new Set(ids);
        next.delete(session.id);
        return next;
      });
    }
    // The row and its button are gone: keep focus on the page, on the message.
    if (!this.failure()) {
      this.focusAfterRender('[data-testid="sessions-status"]');
    }
  }

  protected async signOutEverywhere(): Promise<void> {
    if (this.endingAll()) {
      return;
    }
    this.status.set('');
    this.failure.set('');
    this.endingAll.set(true);
    try {
      await this.session.logoutAll();
    } catch (error) {
      // As the shell's log out: the local session is cleared either way.
      if (!(error instanceof ApiError)) {
        throw error;
      }
    } finally {
      this.endingAll.set(false);
    }
    await this.router.navigateByUrl('/login');
  }

  private forget(session: SignedInSession): void {
    this.list.update((rows) => rows.filter((row) => row.id !== session.id));
  }

  private fail(message: string): void {
    this.failure.set(message);
    this.focusAfterRender('[data-testid="sessions-failure"]');
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(
      () =>
        this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(),
      { injector: this.injector },
    );
  }
}
