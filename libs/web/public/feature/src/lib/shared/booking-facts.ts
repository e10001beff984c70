import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { DateTimePipe } from '@foyer/web/shared/ui';
import { seats } from './public-text';

/** What the confirm and ticket answers both say about a booking. */
export interface BookingFactsOf {
  readonly reference: string;
  readonly partySize: number;
  readonly performance: { readonly title: string; readonly startsAt: string };
}

/**
 * The booking's reference, performance, time and party, as a definition list. The
 * answers do not say the venue's zone, so the time is the device's, named.
 */
@Component({
  selector: 'foyer-booking-facts',
  imports: [DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './booking-facts.css',
  template: `
    <dl class="facts">
      <dt>Reference</dt>
      <dd [attr.data-testid]="referenceTestId()">{{ booking().reference }}</dd>
      <dt>Performance</dt>
      <dd>{{ booking().performance.title }}</dd>
      <dt>When</dt>
      <dd>
        <time [attr.datetime]="booking().performance.startsAt">{{
          booking().performance.startsAt | dateTime: null : 'long'
        }}</time>
      </dd>
      <dt>Party</dt>
      <dd>{{ party() }}</dd>
    </dl>
  `,
})
export class BookingFacts {
  readonly booking = input.required<BookingFactsOf>();
  readonly referenceTestId = input.required<string>();

  protected readonly party = computed(() => seats(this.booking().partySize));
}
