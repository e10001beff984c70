import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterOutlet,
} from '@angular/router';
import { ApiError, SessionStore, toApiError } from '@foyer/web/data-access';
import { filter } from 'rxjs';
import { describeApiError } from '../messages/api-messages';
import { visibleNavItems } from './staff-nav';

/**
 * The staff area's frame: top bar (venue switcher, account menu, log out), side navigation
 * filtered by permission (a toggled drawer below 48rem), and the page outlet.
 */
@Component({
  selector: 'foyer-staff-shell',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'closePopups()' },
  templateUrl: './staff-shell.html',
  styleUrl: './staff-shell.css',
})
export class StaffShell {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly user = this.session.user;
  protected readonly tenant = this.session.tenant;
  protected readonly role = this.session.role;
  protected readonly memberships = this.session.memberships;
  protected readonly navItems = computed(() =>
    visibleNavItems((p) => this.session.can(p)),
  );
  /** Path of the current page, without query or fragment, for marking the active link. */
  private readonly currentPath = signal(this.pathOf(this.router.url));
  protected readonly navOpen = signal(false);
  protected readonly menuOpen = signal(false);
  protected readonly busy = signal(false);
  /** Read out by the polite live region: tenant switches and failures of shell actions. */
  protected readonly announcement = signal('');

  constructor() {
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => {
        this.currentPath.set(this.pathOf(this.router.url));
        this.navOpen.set(false);
        this.menuOpen.set(false);
      });
  }

  /**
   * Whether `path` is the current page (exactly, for the overview) or contains it. Done
   * here rather than with RouterLinkActive, which would add ~10 kB to the shared bundle.
   */
  protected isActive(path: string, exact = false): boolean {
    const current = this.currentPath();
    return exact
      ? current === path
      : current === path || current.startsWith(`${path}/`);
  }

  protected toggleNav(): void {
    this.navOpen.update((open) => !open);
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  protected closePopups(): void {
    if (this.menuOpen()) {
      this.menuOpen.set(false);
      this.host.nativeElement
        .querySelector<HTMLElement>('[data-testid="user-menu"]')
        ?.focus();
    }
    this.navOpen.set(false);
  }

  protected async switchTenant(select: HTMLSelectElement): Promise<void> {
    const tenantId = select.value;
    const current = this.tenant();
    if (!current || tenantId === current.id) {
      return;
    }
    this.busy.set(true);
    this.announcement.set('');
    try {
      await this.session.switchTenant(tenantId);
      this.announcement.set(
        `Switched to ${this.tenant()?.name ?? 'the venue'}.`,
      );
      // Pages hold the previous venue's data and may not be allowed in this one.
      await this.router.navigateByUrl('/staff');
    } catch (error) {
      select.value = current.id;
      this.announcement.set(
        `Could not switch venue. ${describeApiError(toApiError(error))}`,
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected logout(): Promise<void> {
    return this.endSession(() => this.session.logout());
  }

  protected logoutAll(): Promise<void> {
    return this.endSession(() => this.session.logoutAll());
  }

  private pathOf(url: string): string {
    return url.split(/[?#]/, 1)[0] ?? url;
  }

  private async endSession(end: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await end();
    } catch (error) {
      // The local session is gone either way; the server revokes it when it next sees it.
      if (!(error instanceof ApiError)) {
        throw error;
      }
    } finally {
      this.busy.set(false);
    }
    await this.router.navigateByUrl('/login');
  }
}
