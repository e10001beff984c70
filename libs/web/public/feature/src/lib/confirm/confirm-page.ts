import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { ErrorCode } from '@foyer/contracts';
import { ApiError, toApiError } from '@foyer/web/data-access';
import { ConfirmResult, PublicBookingApi } from '@foyer/web/public-data-access';
import { BookingFacts } from '../shared/booking-facts';
import { injectFragmentToken } from '../shared/fragment-token';
import { linkFailure } from '../shared/public-text';

export type ConfirmOutcome =
  | { kind: 'working' }
  | { kind: 'confirmed'; result: ConfirmResult }
  | { kind: 'sold-out' | 'expired' | 'invalid' | 'cancelled' }
  | { kind: 'retry'; message: string };

/** Maps an API failure of POST /reservations/confirm to what the page shows. */
export function confirmFailure(error: ApiError): ConfirmOutcome {
  switch (error.code) {
    case ErrorCode.SOLD_OUT:
      return { kind: 'sold-out' };
    case ErrorCode.TOKEN_EXPIRED:
      return { kind: 'expired' };
    case ErrorCode.RESERVATION_CANCELLED:
      return { kind: 'cancelled' };
    case ErrorCode.TOKEN_INVALID:
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.NOT_FOUND:
      return { kind: 'invalid' };
    default:
      return linkFailure(error);
  }
}

/** `/confirm#t=…`: confirms the booking as soon as the emailed link is opened. */
@Component({
  selector: 'foyer-confirm-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BookingFacts],
  template: `
    <section aria-labelledby="confirm-title">
      <h1 id="confirm-title" tabindex="-1">{{ heading() }}</h1>
      <div
        aria-live="polite"
        aria-atomic="true"
        data-testid="confirm-outcome"
        [attr.data-outcome]="outcome().kind"
      >
        @switch (outcome().kind) {
          @case ('working') {
            <p>Confirming your booking…</p>
          }
          @case ('confirmed') {
            @if (confirmed(); as c) {
              <p class="notice ok">
                @if (c.alreadyConfirmed) {
                  This booking was already confirmed: nothing has changed.
                } @else {
                  Your seats are confirmed.
                }
              </p>
              <foyer-booking-facts
                [booking]="c"
                referenceTestId="confirm-reference"
              />
              <p>
                Your ticket with its QR code is on its way by email. Show it at
                the door.
              </p>
            }
          }
          @case ('sold-out') {
            <p class="notice bad">
              Sorry: the performance filled up before you confirmed, so there
              are no seats for this booking.
            </p>
          }
          @case ('expired') {
            <p class="notice bad">
              This confirmation link has expired, or booking has closed. Please
              book again if seats are left.
            </p>
          }
          @case ('cancelled') {
            <p class="notice bad">
              This booking was cancelled, so it can no longer be confirmed.
            </p>
          }
          @case ('invalid') {
            <p class="notice bad">
              This confirmation link is not valid. Open the link from your email
              exactly as it was sent.
            </p>
          }
          @case ('retry') {
            <p class="notice bad">{{ retryMessage() }}</p>
            <button type="button" class="btn" (click)="confirm()">
              Try again
            </button>
          }
        }
      </div>
    </section>
  `,
})
export class ConfirmPage {
  private readonly api = inject(PublicBookingApi);
  private readonly token = injectFragmentToken();

  protected readonly outcome = signal<ConfirmOutcome>({ kind: 'working' });
  protected readonly confirmed = computed(() => {
    const outcome = this.outcome();
    return outcome.kind === 'confirmed' ? outcome.result : null;
  });
  protected readonly retryMessage = computed(() => {
    const outcome = this.outcome();
    return outcome.kind === 'retry' ? outcome.message : '';
  });
  protected readonly heading = computed(() =>
    this.outcome().kind === 'confirmed'
      ? 'Booking confirmed'
      : 'Confirm your booking',
  );

  constructor() {
    void this.confirm();
  }

  /** Never rejects: failures land in `outcome()`. */
  protected async confirm(): Promise<void> {
    if (this.token === null) {
      this.outcome.set({ kind: 'invalid' });
      return;
    }
    this.outcome.set({ kind: 'working' });
    try {
      this.outcome.set({
        kind: 'confirmed',
        result: await this.api.confirm(this.token),
      });
    } catch (error) {
      this.outcome.set(confirmFailure(toApiError(error)));
    }
  }
}
