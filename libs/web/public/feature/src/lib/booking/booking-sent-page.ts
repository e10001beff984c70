import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

/** What the booking form hands over in navigation state (never in the URL). */
export interface BookingSentState {
  reference: string;
  email: string;
  title: string;
}

function isSentState(value: unknown): value is BookingSentState {
  const v = value as Partial<BookingSentState> | null;
  return (
    typeof v?.reference === 'string' &&
    typeof v.email === 'string' &&
    typeof v.title === 'string'
  );
}

/** `/v/:slug/booked`: "check your email". After a reload it still says what to do, without details. */
@Component({
  selector: 'foyer-booking-sent-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="sent-title">
      <h1 id="sent-title" tabindex="-1">Check your email</h1>
      @if (booking; as b) {
        <p>
          We sent a confirmation link for <strong>{{ b.title }}</strong> to
          <strong class="email">{{ b.email }}</strong>.
        </p>
        <p>
          Booking reference:
          <strong data-testid="booking-reference">{{ b.reference }}</strong>
        </p>
      } @else {
        <p>We sent you a confirmation link by email.</p>
      }
      <p class="notice">
        Your seats are held only once you open the link and confirm. If nothing
        arrives in a few minutes, check your spam folder.
      </p>
      <p><a [routerLink]="['/v', slug]">Back to all performances</a></p>
    </section>
  `,
  styles: `
    .email {
      overflow-wrap: anywhere;
    }
  `,
})
export class BookingSentPage {
  protected readonly slug =
    inject(ActivatedRoute).snapshot.paramMap.get('slug') ?? '';
  private readonly state: unknown =
    inject(Router).currentNavigation()?.extras.state?.['booking'] ??
    history.state?.booking;
  protected readonly booking = isSentState(this.state) ? this.state : null;
}
