import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ErrorCode } from '@foyer/contracts';
import { ApiError, toApiError } from '@foyer/web/data-access';
import {
  PublicBookingApi,
  PublicPerformance,
  PublicVenue,
} from '@foyer/web/public-data-access';
import { DateTimePipe, ProblemMessage } from '@foyer/web/shared/ui';
import {
  availabilityText,
  describeError,
  isBookable,
  seats,
} from '../shared/public-text';
import {
  BOOKING_FIELDS,
  BookingField,
  NOTES_MAX,
  bookingErrorText,
  createBookingForm,
  setMaxPartySize,
  toBookingRequest,
} from './booking-form';
import { BookingSentState } from './booking-sent-page';

/** `/v/:slug/p/:performanceId`: the booking form for one performance. */
@Component({
  selector: 'foyer-booking-page',
  imports: [ReactiveFormsModule, RouterLink, DateTimePipe, ProblemMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './booking-page.html',
  styleUrl: './booking-page.css',
})
export class BookingPage {
  private readonly api = inject(PublicBookingApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly params = inject(ActivatedRoute).snapshot.paramMap;

  protected readonly slug = this.params.get('slug') ?? '';
  private readonly performanceId = this.params.get('performanceId') ?? '';

  protected readonly venue = signal<PublicVenue | null>(null);
  protected readonly performance = signal<PublicPerformance | null>(null);
  protected readonly loadError = signal('');
  protected readonly form = createBookingForm(6);
  protected readonly fields = BOOKING_FIELDS;
  protected readonly notesMax = NOTES_MAX;

  protected readonly submitted = signal(false);
  protected readonly submitting = signal(false);
  /** The outcome of the last submit, announced by the assertive live region. */
  protected readonly formError = signal('');

  protected readonly maxPartySize = computed(
    () => this.performance()?.maxPartySize ?? 1,
  );
  protected readonly bookable = computed(() => {
    const performance = this.performance();
    return performance !== null && isBookable(performance);
  });
  protected readonly heading = computed(() => {
    const performance = this.performance();
    if (performance) {
      return `Book ${performance.title}`;
    }
    return this.loadError()
      ? 'Performance not available'
      : 'Book a performance';
  });
  protected readonly availability = computed(() => {
    const performance = this.performance();
    return performance ? availabilityText(performance) : '';
  });

  constructor() {
    void this.load();
  }

  protected showError(field: BookingField): boolean {
    const control = this.form.controls[field];
    return control.invalid && (control.touched || this.submitted());
  }

  protected errorText(field: BookingField): string {
    return this.showError(field)
      ? bookingErrorText(
          field,
          this.form.controls[field].errors,
          this.maxPartySize(),
        )
      : '';
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) {
      return;
    }
    this.submitted.set(true);
    this.formError.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.reportInvalidFields();
      return;
    }
    const request = toBookingRequest(this.form);
    this.submitting.set(true);
    try {
      const accepted = await this.api.book(this.performanceId, request);
      const state: BookingSentState = {
        reference: accepted.reference,
        email: request.email,
        title: this.performance()?.title ?? '',
      };
      // Personal data travels in navigation state, never in the URL.
      await this.router.navigate(['/v', this.slug, 'booked'], {
        state: { booking: state },
      });
    } catch (error) {
      await this.handleFailure(toApiError(error));
    } finally {
      this.submitting.set(false);
    }
  }

  /** Never rejects: failures land in `loadError()`. */
  private async load(): Promise<void> {
    try {
      const [venue, performance] = await Promise.all([
        this.api.venue(this.slug),
        this.api.performance(this.performanceId),
      ]);
      this.venue.set(venue);
      this.applyPerformance(performance);
    } catch (error) {
      const apiError = toApiError(error);
      this.loadError.set(
        apiError.status === 404 || apiError.status === 400
          ? 'We could not find this performance. It may have been removed.'
          : describeError(apiError),
      );
    }
  }

  private applyPerformance(performance: PublicPerformance): void {
    this.performance.set(performance);
    setMaxPartySize(this.form, performance.maxPartySize);
  }

  private async handleFailure(error: ApiError): Promise<void> {
    switch (error.code) {
      case ErrorCode.BOOKING_CLOSED:
        this.formError.set(
          'Booking for this performance has closed. Your details were not sent.',
        );
        await this.reload();
        return;
      case ErrorCode.SOLD_OUT: {
        await this.reload();
        const left = this.performance()?.seatsAvailable ?? 0;
        this.formError.set(
          left > 0
            ? `There are not enough seats for your party right now: only ${seats(left)} left. Choose fewer seats and try again.`
            : 'This performance is sold out.',
        );
        return;
      }
      case ErrorCode.VALIDATION_FAILED:
        if (this.applyServerFieldErrors(error)) {
          return;
        }
        this.formError.set(error.detail);
        return;
      default:
        this.formError.set(describeError(error));
    }
  }

  /** Puts the API's field messages on their controls; false when none matched a field. */
  private applyServerFieldErrors(error: ApiError): boolean {
    let matched = false;
    for (const field of this.fields) {
      const message = error.fieldError(field);
      if (message) {
        this.form.controls[field].setErrors({
          server: `Please check this: ${message}.`,
        });
        matched = true;
      }
    }
    if (matched) {
      this.reportInvalidFields();
    }
    return matched;
  }

  private reportInvalidFields(): void {
    const invalid = this.fields.filter(
      (field) => this.form.controls[field].invalid,
    );
    this.formError.set(
      invalid.length === 1
        ? 'Check the field marked below.'
        : `Check the ${invalid.length} fields marked below.`,
    );
    this.host.nativeElement
      .querySelector<HTMLElement>(`#booking-${invalid[0]}`)
      ?.focus();
  }

  private async reload(): Promise<void> {
    try {
      this.applyPerformance(await this.api.performance(this.performanceId));
    } catch {
      // Keep what is on screen; the message above already says what happened.
    }
  }
}
