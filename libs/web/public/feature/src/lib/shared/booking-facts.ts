import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { formatWhen, seats } from './public-text';

/** What the confirm and ticket answers both say about a booking. */
export interface BookingFactsOf {
  readonly reference: string;
  readonly partySize: number;
  readonly performance: { readonly title: string; readonly startsAt: string };
}

/** The booking's reference, performance, time and party, as a definition list. */
@Component({
  selector: 'foyer-booking-facts',
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
          when()
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

  protected readonly when = computed(() =>
    formatWhen(this.booking().performance.startsAt),
  );
  protected readonly party = computed(() => seats(this.booking().partySize));
}
