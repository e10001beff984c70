import { DOCUMENT } from '@angular/common';
import {
  DestroyRef,
  Injectable,
  computed,
  inject,
  signal,
} from '@angular/core';
import { ApiError, toApiError } from '@foyer/web/data-access';
import { PublicBookingApi } from '../api/public-booking.api';
import { PublicPerformance, PublicVenue } from '../api/public-booking.models';

/** How often the open page refreshes seat counts while visible. */
export const AVAILABILITY_REFRESH_MS = 30_000;

/**
 * One venue page's state: the venue and its upcoming performances with live availability.
 * Refreshes every 30 s while the tab is visible and as soon as it becomes visible again;
 * provide it per page so leaving the page stops the timer.
 */
@Injectable()
export class VenueStore {
  private readonly api = inject(PublicBookingApi);
  private readonly doc = inject(DOCUMENT);

  private readonly state = signal<{
    venue: PublicVenue | null;
    performances: PublicPerformance[];
    error: ApiError | null;
    loading: boolean;
  }>({ venue: null, performances: [], error: null, loading: false });

  readonly venue = computed(() => this.state().venue);
  readonly performances = computed(() => this.state().performances);
  readonly error = computed(() => this.state().error);
  readonly loading = computed(() => this.state().loading);

  private slug: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onVisible = () => {
    if (this.doc.visibilityState === 'visible') {
      void this.refresh();
    }
  };

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /**
   * Loads the venue and its performances, then keeps availability fresh. Never rejects:
   * failures land in `error()`.
   */
  async load(slug: string): Promise<void> {
    this.stop();
    this.slug = slug;
    this.state.set({
      venue: null,
      performances: [],
      error: null,
      loading: true,
    });
    try {
      const [venue, performances] = await Promise.all([
        this.api.venue(slug),
        this.api.performances(slug),
      ]);
      if (this.slug === slug) {
        this.state.set({ venue, performances, error: null, loading: false });
        this.start();
      }
    } catch (error) {
      if (this.slug === slug) {
        this.state.update((s) => ({
          ...s,
          error: toApiError(error),
          loading: false,
        }));
      }
    }
  }

  /**
   * Re-reads availability. Never rejects: a failed refresh keeps the last good list on
   * screen.
   */
  async refresh(): Promise<void> {
    const slug = this.slug;
    if (slug === null || this.state().venue === null) {
      return;
    }
    try {
      const performances = await this.api.performances(slug);
      if (this.slug === slug) {
        this.state.update((s) => ({ ...s, performances }));
      }
    } catch {
      // The next tick tries again; the visible list stays as it was.
    }
  }

  private start(): void {
    this.timer = setInterval(() => {
      if (this.doc.visibilityState === 'visible') {
        void this.refresh();
      }
    }, AVAILABILITY_REFRESH_MS);
    this.doc.addEventListener('visibilitychange', this.onVisible);
  }

  private stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    this.doc.removeEventListener('visibilitychange', this.onVisible);
  }
}
