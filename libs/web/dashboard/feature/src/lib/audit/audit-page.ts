import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import {
  AuditEvent,
  AuditFilters,
  AuditStore,
} from '@foyer/web/dashboard-data-access';
import {
  DataTable,
  DateTimePipe,
  Pager,
  ProblemMessage,
  deviceTimeZone,
} from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';
import { localToIso } from '../time/local-time';

/** The API's rule for an action name, e.g. `auth.login_succeeded`. */
const ACTION = /^[a-z][a-z0-9_.]{1,63}$/;
const UUID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function fromBeforeTo(group: AbstractControl): ValidationErrors | null {
  const from = localToIso(group.get('from')?.value ?? '');
  const to = localToIso(group.get('to')?.value ?? '');
  return from && to && from > to ? { range: true } : null;
}

@Component({
  selector: 'foyer-audit-page',
  imports: [
    ReactiveFormsModule,
    DataTable,
    DateTimePipe,
    Pager,
    ProblemMessage,
  ],
  providers: [AuditStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.css',
})
export class AuditPage {
  protected readonly store = inject(AuditStore);
  protected readonly timeZone = deviceTimeZone();
  protected readonly columns = ['Time', 'Action', 'Actor', 'Target', 'Details'];
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly filters = new FormGroup(
    {
      action: new FormControl('', {
        nonNullable: true,
        validators: [Validators.pattern(ACTION)],
      }),
      actorId: new FormControl('', {
        nonNullable: true,
        validators: [Validators.pattern(UUID)],
      }),
      from: new FormControl('', { nonNullable: true }),
      to: new FormControl('', { nonNullable: true }),
    },
    { validators: fromBeforeTo },
  );
  protected readonly submitted = signal(false);
  protected readonly filterError = signal('');

  protected readonly listStatus = computed(() => {
    const error = this.store.loadError();
    if (error) {
      return describeApiError(error);
    }
    if (this.store.loading()) {
      return 'Loading events…';
    }
    if (!this.store.loaded()) {
      return '';
    }
    const count = this.store.events().length;
    return `${count === 0 ? 'No' : count} event${count === 1 ? '' : 's'} shown${this.store.hasMore() ? ', more available' : ''}.`;
  });

  protected readonly verifyStatus = computed(() => {
    if (this.store.verifying()) {
      return 'Verifying the chain…';
    }
    const error = this.store.verifyError();
    if (error) {
      return `Could not verify: ${describeApiError(error)}`;
    }
    const result = this.store.verification();
    if (!result) {
      return '';
    }
    return result.ok
      ? `Chain intact: ${result.checked} event${result.checked === 1 ? '' : 's'} checked.`
      : `Chain broken at event ${result.firstBrokenId ?? '(unknown)'} after ${result.checked} checked. The audit trail has been altered outside Foyer.`;
  });

  constructor() {
    void this.store.search({});
  }

  protected showError(field: 'action' | 'actorId' | 'range'): boolean {
    if (field === 'range') {
      return this.filters.hasError('range') && this.submitted();
    }
    const control = this.filters.controls[field];
    return control.invalid && (control.touched || this.submitted());
  }

  protected errorText(field: 'action' | 'actorId' | 'range'): string {
    if (!this.showError(field)) {
      return '';
    }
    switch (field) {
      case 'action':
        return 'An action is lowercase, like auth.login_succeeded.';
      case 'actorId':
        return 'An actor id is a UUID, like 3f2b…-…; copy it from the Actor column.';
      case 'range':
        return '"From" must be before "To".';
    }
  }

  protected apply(): void {
    this.submitted.set(true);
    if (this.filters.invalid) {
      this.filters.markAllAsTouched();
      this.filterError.set('Check the filters marked below.');
      this.host.nativeElement
        .querySelector<HTMLElement>('form [aria-invalid="true"]')
        ?.focus();
      return;
    }
    this.filterError.set('');
    const { action, actorId, from, to } = this.filters.getRawValue();
    const filters: AuditFilters = {
      action: action.trim().toLowerCase() || undefined,
      actorId: actorId.trim() || undefined,
      from: localToIso(from),
      to: localToIso(to),
    };
    void this.store.search(filters);
  }

  protected clear(): void {
    this.filters.reset();
    this.submitted.set(false);
    this.filterError.set('');
    void this.store.search({});
  }

  protected verify(): void {
    if (!this.store.verifying()) {
      void this.store.verify();
    }
  }

  protected details(event: AuditEvent): string {
    const text = JSON.stringify(event.metadata);
    return text === '{}' ? '' : text;
  }
}
