import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { ErrorCode } from '@foyer/contracts';
import { ApiError, toApiError } from '@foyer/web/data-access';
import { PublicBookingApi } from '@foyer/web/public-data-access';
import { injectFragmentToken } from '../shared/fragment-token';
import { linkFailure } from '../shared/public-text';

type CancelState =
  | { kind: 'ask' | 'working' | 'closed' | 'invalid' }
  | { kind: 'cancelled'; reference: string }
  | { kind: 'retry'; message: string };

/** Maps an API failure of POST /reservations/cancel to what the page shows. */
export function cancelFailure(error: ApiError): CancelState {
  if (error.code === ErrorCode.CANCEL_CLOSED) {
    return { kind: 'closed' };
  }
  return linkFailure(error);
}

/** `/cancel#t=…`: asks first, then gives the seats back. */
@Component({
  selector: 'foyer-cancel-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="cancel-title">
      <h1 id="cancel-title" tabindex="-1">{{ heading() }}</h1>
      <div
        aria-live="polite"
        aria-atomic="true"
        data-testid="cancel-outcome"
        [attr.data-outcome]="state().kind"
      >
        @switch (state().kind) {
          @case ('ask') {
            <p>
              Cancelling gives your seats back to the venue. This cannot be
              undone.
            </p>
          }
          @case ('working') {
            <p>Cancelling…</p>
          }
          @case ('cancelled') {
            <p class="notice ok">
              Booking
              <strong data-testid="cancel-reference">{{ reference() }}</strong>
              is cancelled. Its ticket no longer works.
            </p>
          }
          @case ('closed') {
            <p class="notice bad">
              The performance has started, so this booking can no longer be
              cancelled.
            </p>
          }
          @case ('invalid') {
            <p class="notice bad">
              This cancel link is not valid. Open the “Cancel your booking” link
              from your ticket email exactly as it was sent.
            </p>
          }
          @case ('retry') {
            <p class="notice bad">{{ retryMessage() }}</p>
          }
        }
      </div>
      @if (canAsk()) {
        <button
          type="button"
          class="btn btn-danger"
          (click)="cancel()"
          [attr.aria-disabled]="state().kind === 'working'"
        >
          Yes, cancel my booking
        </button>
      }
    </section>
  `,
})
export class CancelPage {
  private readonly api = inject(PublicBookingApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly token = injectFragmentToken();

  protected readonly state = signal<CancelState>(
    this.token === null ? { kind: 'invalid' } : { kind: 'ask' },
  );
  protected readonly canAsk = computed(() =>
    ['ask', 'working', 'retry'].includes(this.state().kind),
  );
  protected readonly heading = computed(() =>
    this.state().kind === 'cancelled'
      ? 'Booking cancelled'
      : 'Cancel your booking',
  );
  protected readonly reference = computed(() => {
    const state = this.state();
    return state.kind === 'cancelled' ? state.reference : '';
  });
  protected readonly retryMessage = computed(() => {
    const state = this.state();
    return state.kind === 'retry' ? state.message : '';
  });

  protected async cancel(): Promise<void> {
    if (this.token === null || this.state().kind === 'working') {
      return;
    }
    this.state.set({ kind: 'working' });
    try {
      const result = await this.api.cancel(this.token);
      this.state.set({ kind: 'cancelled', reference: result.reference });
    } catch (error) {
      this.state.set(cancelFailure(toApiError(error)));
    }
    // The button is gone once there is an answer: keep focus on the page, not the body.
    if (!this.canAsk()) {
      this.host.nativeElement.querySelector<HTMLElement>('h1')?.focus();
    }
  }
}
