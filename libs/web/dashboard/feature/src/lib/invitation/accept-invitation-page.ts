import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { SessionStore, toApiError } from '@foyer/web/data-access';
import { AccountApi } from '@foyer/web/dashboard-data-access';
import { injectFragmentToken } from '../links/fragment-token';
import { isRefusedToken } from '../links/link-failure';
import { describeApiError } from '../messages/api-messages';

type InvitationState =
  | { kind: 'ask' | 'working' | 'accepted' | 'invalid' }
  | { kind: 'retry'; message: string };

/**
 * `/accept-invitation#t=…`, the link an existing Foyer account gets when another venue
 * adds it: asks first (a mail scanner that opens links must not accept), then accepts.
 */
@Component({
  selector: 'foyer-accept-invitation-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="auth-card" aria-labelledby="invitation-title">
      <h1 id="invitation-title" tabindex="-1">{{ heading() }}</h1>
      <div
        tabindex="-1"
        aria-live="polite"
        aria-atomic="true"
        data-testid="invitation-outcome"
        [attr.data-outcome]="state().kind"
      >
        @switch (state().kind) {
          @case ('accepted') {
            <p class="notice ok">
              Invitation accepted. Sign in to work for the venue; if you are
              signed in already, switch venue from the menu.
            </p>
            <p><a routerLink="/login">Sign in</a></p>
          }
          @case ('invalid') {
            <p class="notice bad" role="alert">
              This invitation is not valid any more (already accepted, expired,
              or withdrawn).
            </p>
          }
          @case ('retry') {
            <p class="notice bad" role="alert">{{ retryMessage() }}</p>
          }
          @default {
            <p>You have been invited to join a venue's staff on Foyer.</p>
          }
        }
      </div>
      @if (canAsk()) {
        <button
          type="button"
          class="btn"
          data-testid="accept-invitation"
          [attr.aria-disabled]="state().kind === 'working'"
          (click)="accept()"
        >
          {{ state().kind === 'working' ? 'Accepting…' : 'Accept invitation' }}
        </button>
      }
    </section>
  `,
})
export class AcceptInvitationPage {
  private readonly api = inject(AccountApi);
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly token = injectFragmentToken();

  protected readonly state = signal<InvitationState>(
    this.token === null ? { kind: 'invalid' } : { kind: 'ask' },
  );
  protected readonly canAsk = computed(() =>
    ['ask', 'working', 'retry'].includes(this.state().kind),
  );
  protected readonly heading = computed(() =>
    this.state().kind === 'accepted'
      ? 'Invitation accepted'
      : 'Join a venue on Foyer',
  );
  protected readonly retryMessage = computed(() => {
    const state = this.state();
    return state.kind === 'retry' ? state.message : '';
  });

  protected async accept(): Promise<void> {
    const token = this.token;
    if (token === null || this.state().kind === 'working') {
      return;
    }
    this.state.set({ kind: 'working' });
    try {
      await this.api.acceptInvitation(token);
      this.state.set({ kind: 'accepted' });
      if (this.session.isAuthenticated()) {
        // Signed in in this tab: list the new venue in the switcher now.
        await this.session.loadMe().catch(() => false);
      }
    } catch (error) {
      const apiError = toApiError(error);
      this.state.set(
        isRefusedToken(apiError)
          ? { kind: 'invalid' }
          : { kind: 'retry', message: describeApiError(apiError) },
      );
    }
    // The answer replaces the question; put focus on it, not on the body.
    afterNextRender(
      () =>
        this.host.nativeElement
          .querySelector<HTMLElement>('[data-testid="invitation-outcome"]')
          ?.focus(),
      { injector: this.injector },
    );
  }
}
