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
import { Permission } from '@foyer/contracts';
import { ApiError, SessionStore } from '@foyer/web/data-access';
import {
  BOOKING_STATUSES,
  PerformancesStore,
  RoomsStore,
} from '@foyer/web/dashboard-data-access';
import { ProblemMessage } from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';
import { fieldErrorsFrom } from '../messages/field-errors';
import {
  PERFORMANCE_FIELDS,
  PerformanceField,
  clientError,
  fieldLabel,
  performanceForm,
  toFormValue,
  toPerformanceInput,
} from './performance-form';

/**
 * `/staff/performances/new` and `/staff/performances/:id`. Times are entered in the
 * user's local time and sent as UTC; the API's field errors land under their fields.
 * View-only roles see the same form, disabled.
 */
@Component({
  selector: 'foyer-performance-editor',
  imports: [ReactiveFormsModule, RouterLink, ProblemMessage],
  providers: [PerformancesStore, RoomsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './performance-editor.html',
  styleUrl: './performance-editor.css',
})
export class PerformanceEditor {
  private readonly router = inject(Router);
  protected readonly store = inject(PerformancesStore);
  protected readonly rooms = inject(RoomsStore);
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly id: string | null =
    inject(ActivatedRoute).snapshot.paramMap.get('id');
  protected readonly canEdit = computed(() =>
    this.session.can(Permission.PERFORMANCES_EDIT),
  );
  protected readonly canSeeReservations = computed(() =>
    this.session.can(Permission.RESERVATIONS_VIEW),
  );
  protected readonly statuses = BOOKING_STATUSES;
  protected readonly label = fieldLabel;
  protected readonly timeFields = [
    'startsAt',
    'endsAt',
    'checkInOpensAt',
  ] as const;
  protected readonly bookingFields = [
    'bookingOpensAt',
    'bookingClosesAt',
  ] as const;
  protected readonly seatFields = [
    'additionalSeats',
    'manuallyOccupiedSeats',
    'maxPartySize',
  ] as const;
  protected readonly form = performanceForm();
  protected readonly submitted = signal(false);
  protected readonly formError = signal('');
  /** Polite live region; after creating, the message arrives with the navigation to the new id. */
  protected readonly status = signal(
    String(this.router.currentNavigation()?.extras.state?.['status'] ?? ''),
  );
  private readonly serverErrors = signal<
    Partial<Record<PerformanceField, string>>
  >({});

  constructor() {
    if (!this.canEdit()) {
      this.form.disable();
    }
    void this.rooms.list.loadAll();
    if (this.id) {
      // load() never rejects (failures land in currentError()), and toFormValue gives the
      // form's full typed shape, so setValue cannot throw.
      void this.store.load(this.id).then((performance) => {
        if (performance) {
          this.form.setValue(toFormValue(performance));
        }
      });
    }
  }

  protected heading(): string {
    return this.id
      ? (this.store.current()?.title ?? 'Performance')
      : 'New performance';
  }

  protected showError(field: PerformanceField): boolean {
    return this.errorText(field) !== '';
  }

  protected errorText(field: PerformanceField): string {
    const server = this.serverErrors()[field];
    if (server) {
      return `${fieldLabel(field)} ${server}.`;
    }
    const control = this.form.controls[field];
    return this.submitted() || control.touched
      ? clientError(this.form, field)
      : '';
  }

  protected loadError(): string {
    const error: ApiError | null =
      this.store.currentError() ?? this.rooms.list.loadError();
    return error ? describeApiError(error) : '';
  }

  protected async save(): Promise<void> {
    if (!this.canEdit() || this.store.saving()) {
      return;
    }
    this.submitted.set(true);
    this.serverErrors.set({});
    this.formError.set('');
    this.status.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formError.set('Check the fields marked below.');
      this.focusFirstInvalid();
      return;
    }
    const result = await this.store.save(
      toPerformanceInput(this.form.getRawValue()),
      this.id,
    );
    if (result instanceof ApiError) {
      this.serverErrors.set(fieldErrorsFrom(result, PERFORMANCE_FIELDS));
      this.formError.set(describeApiError(result));
      this.focusFirstInvalid();
      return;
    }
    this.submitted.set(false);
    if (this.id) {
      this.form.setValue(toFormValue(result));
      this.status.set(`${result.title} was saved.`);
    } else {
      await this.router.navigate(['/staff/performances', result.id], {
        replaceUrl: true,
        state: { status: `${result.title} was created.` },
      });
    }
  }

  private focusFirstInvalid(): void {
    setTimeout(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('form [aria-invalid="true"]')
        ?.focus(),
    );
  }
}
