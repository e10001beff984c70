import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { Permission } from '@foyer/contracts';
import { ApiError, SessionStore } from '@foyer/web/data-access';
import { Room, RoomsStore } from '@foyer/web/dashboard-data-access';
import {
  ConfirmButton,
  DataTable,
  Pager,
  ProblemMessage,
} from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';
import { fieldErrorsFrom } from '../messages/field-errors';

type RoomField = 'name' | 'capacity';
const FIELDS: readonly RoomField[] = ['name', 'capacity'];

/** Rooms of the venue: everyone with performances:view reads, performances:edit changes. */
@Component({
  selector: 'foyer-rooms-page',
  imports: [
    ReactiveFormsModule,
    ConfirmButton,
    DataTable,
    Pager,
    ProblemMessage,
  ],
  providers: [RoomsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rooms-page.html',
  styles: `
    .editor {
      margin-bottom: 2rem;
      max-width: 32rem;
    }
    .buttons,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
    }
  `,
})
export class RoomsPage {
  protected readonly store = inject(RoomsStore);
  private readonly session = inject(SessionStore);

  protected readonly canEdit = computed(() =>
    this.session.can(Permission.PERFORMANCES_EDIT),
  );
  /** The room in the form, or null when the form creates a new one. */
  protected readonly editing = signal<Room | null>(null);
  protected readonly columns = computed(() =>
    this.canEdit() ? ['Name', 'Capacity', 'Actions'] : ['Name', 'Capacity'],
  );
  protected readonly status = signal('');
  protected readonly formError = signal('');
  protected readonly submitted = signal(false);
  private readonly serverErrors = signal<Partial<Record<RoomField, string>>>(
    {},
  );

  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120)],
    }),
    capacity: new FormControl<number | null>(null, {
      validators: [
        Validators.required,
        Validators.min(0),
        Validators.max(100_000),
        Validators.pattern(/^\d+$/),
      ],
    }),
  });

  constructor() {
    void this.store.list.reload();
  }

  protected showError(field: RoomField): boolean {
    const control = this.form.controls[field];
    return (
      (control.invalid && (control.touched || this.submitted())) ||
      !!this.serverErrors()[field]
    );
  }

  protected errorText(field: RoomField): string {
    const server = this.serverErrors()[field];
    if (server) {
      return `${field === 'name' ? 'Name' : 'Capacity'} ${server}.`;
    }
    if (!this.showError(field)) {
      return '';
    }
    const errors = this.form.controls[field].errors ?? {};
    if (field === 'name') {
      return errors['required'] ? 'Enter a name.' : 'At most 120 characters.';
    }
    return errors['required']
      ? 'Enter the number of seats.'
      : 'A whole number from 0 to 100000.';
  }

  protected edit(room: Room): void {
    this.editing.set(room);
    this.form.setValue({ name: room.name, capacity: room.capacity });
    this.resetMessages();
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.form.reset({ name: '', capacity: null });
    this.resetMessages();
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.serverErrors.set({});
    this.formError.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formError.set('Check the fields marked below.');
      return;
    }
    const input = {
      name: this.form.controls.name.value.trim(),
      capacity: Number(this.form.controls.capacity.value),
    };
    const room = this.editing();
    const error = room
      ? await this.store.update(room, input)
      : await this.store.create(input);
    if (error) {
      this.serverErrors.set(fieldErrorsFrom(error, FIELDS));
      this.formError.set(describeApiError(error));
      return;
    }
    this.cancelEdit();
    this.status.set(
      room ? `${input.name} was saved.` : `${input.name} was added.`,
    );
  }

  protected async remove(room: Room): Promise<void> {
    const error = await this.store.remove(room);
    this.status.set(
      error ? describeApiError(error) : `${room.name} was deleted.`,
    );
    if (!error && this.editing()?.id === room.id) {
      this.cancelEdit();
    }
  }

  protected loadError(): string {
    const error: ApiError | null = this.store.list.loadError();
    return error ? describeApiError(error) : '';
  }

  private resetMessages(): void {
    this.submitted.set(false);
    this.formError.set('');
    this.serverErrors.set({});
  }
}
