import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { ErrorCode } from '@foyer/contracts';
import { toApiError } from '@foyer/web/data-access';
import { PublicBookingApi, Ticket } from '@foyer/web/public-data-access';
import { BookingFacts } from '../shared/booking-facts';
import { injectFragmentToken } from '../shared/fragment-token';
import { linkFailure, seats } from '../shared/public-text';
import { icsDataUrl } from './calendar';
import { qrImageUrl } from './qr-image';

/** Used for the calendar entry when the performance's end cannot be read. */
const FALLBACK_DURATION_MS = 2 * 60 * 60 * 1000;

type TicketState =
  | { kind: 'loading' }
  | { kind: 'ready'; ticket: Ticket; qr: string | null }
  | { kind: 'invalid' }
  | { kind: 'retry'; message: string };

/** `/ticket#t=…`: the QR code to show at the door, and the booking it belongs to. */
@Component({
  selector: 'foyer-ticket-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BookingFacts],
  styleUrl: './ticket-page.css',
  template: `
    <section aria-labelledby="ticket-title">
      <h1 id="ticket-title" tabindex="-1">Your ticket</h1>
      <div
        aria-live="polite"
        aria-atomic="true"
        data-testid="ticket-outcome"
        [attr.data-outcome]="state().kind"
      >
        @switch (state().kind) {
          @case ('loading') {
            <p>Opening your ticket…</p>
          }
          @case ('invalid') {
            <p class="notice bad">
              This ticket link is not valid. Open the link from your latest
              ticket email: if the venue sent you a new ticket, the old one no
              longer works.
            </p>
          }
          @case ('retry') {
            <p class="notice bad">{{ retryMessage() }}</p>
            <button type="button" class="btn" (click)="load()">
              Try again
            </button>
          }
          @case ('ready') {
            @if (ticket(); as t) {
              @if (cancelled()) {
                <p class="notice bad">
                  This booking was cancelled. The ticket is no longer valid.
                </p>
              } @else if (qr(); as src) {
                <p class="qr">
                  <img
                    [src]="src"
                    width="280"
                    height="280"
                    [alt]="'QR code of ticket ' + t.reference"
                    data-testid="ticket-qr"
                  />
                </p>
                <p class="muted center">
                  Show this code at the door. Turn up your screen brightness if
                  it does not scan.
                </p>
              }
              <foyer-booking-facts
                [booking]="t"
                referenceTestId="ticket-reference"
              />
              @if (!cancelled()) {
                <p>
                  <a
                    class="btn btn-secondary"
                    [href]="calendarUrl()"
                    [attr.download]="calendarFile()"
                    >Add to calendar</a
                  >
                </p>
                <p class="muted">
                  Cannot come? Use the “Cancel your booking” link in the email
                  that brought you here, so others can have the seats.
                </p>
              }
            }
          }
        }
      </div>
    </section>
  `,
})
export class TicketPage {
  private readonly api = inject(PublicBookingApi);
  private readonly token = injectFragmentToken();

  protected readonly state = signal<TicketState>({ kind: 'loading' });
  private readonly endsAt = signal<string | null>(null);

  protected readonly ticket = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.ticket : null;
  });
  protected readonly qr = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.qr : null;
  });
  protected readonly retryMessage = computed(() => {
    const state = this.state();
    return state.kind === 'retry' ? state.message : '';
  });
  protected readonly cancelled = computed(
    () => this.ticket()?.status === 'cancelled',
  );
  protected readonly calendarFile = computed(
    () => `ticket-${this.ticket()?.reference ?? ''}.ics`,
  );
  protected readonly calendarUrl = computed(() => {
    const t = this.ticket();
    if (!t) {
      return '';
    }
    const start = new Date(t.performance.startsAt);
    const endsAt = this.endsAt();
    return icsDataUrl({
      uid: `${t.reference}@foyer`,
      title: t.performance.title,
      description: `Booking ${t.reference}, ${seats(t.partySize)}. Show the QR code of your ticket at the door.`,
      start,
      end: endsAt
        ? new Date(endsAt)
        : new Date(start.getTime() + FALLBACK_DURATION_MS),
    });
  });

  constructor() {
    void this.load();
  }

  /** Never rejects: failures land in `state()`. */
  protected async load(): Promise<void> {
    if (this.token === null) {
      this.state.set({ kind: 'invalid' });
      return;
    }
    this.state.set({ kind: 'loading' });
    try {
      const ticket = await this.api.ticket(this.token);
      this.state.set({ kind: 'ready', ticket, qr: qrImageUrl(ticket.qrSvg) });
      void this.loadEnd(ticket.performance.id);
    } catch (error) {
      const apiError = toApiError(error);
      this.state.set(
        apiError.code === ErrorCode.TOKEN_INVALID
          ? { kind: 'invalid' }
          : linkFailure(apiError),
      );
    }
  }

  /**
   * The end time only improves the calendar entry; without it a default length is used.
   * Never rejects: a failed read leaves `endsAt()` null.
   */
  private async loadEnd(performanceId: string): Promise<void> {
    try {
      this.endsAt.set((await this.api.performance(performanceId)).endsAt);
    } catch {
      this.endsAt.set(null);
    }
  }
}
