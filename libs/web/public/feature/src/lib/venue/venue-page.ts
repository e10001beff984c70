import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { PublicPerformance, VenueStore } from '@foyer/web/public-data-access';
import { formatDateTime } from '@foyer/web/shared/ui';
import {
  availabilityText,
  describeError,
  isBookable,
} from '../shared/public-text';

interface PerformanceRow {
  performance: PublicPerformance;
  when: string;
  availability: string;
  bookable: boolean;
}

/** `/v/:slug`: the venue's upcoming performances with live availability. */
@Component({
  selector: 'foyer-venue-page',
  imports: [RouterLink],
  providers: [VenueStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './venue-page.html',
  styleUrl: './venue-page.css',
})
export class VenuePage {
  protected readonly store = inject(VenueStore);
  private readonly title = inject(Title);

  protected readonly heading = computed(() => {
    if (this.store.venue()) {
      return this.store.venue()?.name ?? '';
    }
    if (this.store.error()) {
      return this.store.error()?.status === 404
        ? 'Venue not found'
        : 'Performances';
    }
    return 'Performances';
  });

  protected readonly rows = computed<PerformanceRow[]>(() => {
    const timeZone = this.store.venue()?.timezone ?? null;
    return this.store.performances().map((performance) => ({
      performance,
      when: formatDateTime(performance.startsAt, timeZone, undefined, 'long'),
      availability: availabilityText(performance),
      bookable: isBookable(performance),
    }));
  });

  /** Announced once when the list arrives or fails; silent refreshes are not read out. */
  protected readonly status = computed(() => {
    const error = this.store.error();
    if (error) {
      return error.status === 404
        ? 'There is no venue at this address.'
        : describeError(error);
    }
    if (this.store.loading()) {
      return 'Loading performances…';
    }
    const count = this.store.performances().length;
    return count === 1
      ? '1 upcoming performance.'
      : `${count} upcoming performances.`;
  });

  constructor() {
    const slug = inject(ActivatedRoute).snapshot.paramMap.get('slug') ?? '';
    void this.store.load(slug);
    effect(() => {
      const venue = this.store.venue();
      if (venue) {
        this.title.setTitle(`${venue.name} · Foyer`);
      }
    });
  }
}
